FROM ubuntu:22.04
MAINTAINER Jane Doe <jane@example.com>
WORKDIR /a
WORKDIR b
USER nobody:nogroup
STOPSIGNAL SIGTERM
