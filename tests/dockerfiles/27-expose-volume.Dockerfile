FROM nginx
EXPOSE 80/tcp 443 8080/udp
VOLUME /var/log /var/db
VOLUME ["/data", "/cache"]
