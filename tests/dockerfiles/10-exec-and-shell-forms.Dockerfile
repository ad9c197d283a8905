FROM alpine
RUN ["/bin/sh", "-c", "echo exec"]
RUN echo shell
CMD ["nginx", "-g", "daemon off;"]
ENTRYPOINT /docker-entrypoint.sh
