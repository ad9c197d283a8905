FROM debian
RUN apt-get update \
# a comment inside the continuation is dropped
    && apt-get install -y curl
