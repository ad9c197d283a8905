FROM alpine
COPY --chown=55:mygroup --chmod=644 files* /somedir/
COPY --link ["a file.txt", "b.txt", "/dest/"]
ADD --chown=bin app.tar.gz /opt/
ADD https://example.com/big.tar.xz /usr/src/things/
COPY --from=nginx:latest /etc/nginx/nginx.conf /nginx.conf
