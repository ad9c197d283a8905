# build-arg USER_NAME=learner
# build-arg UNUSED=1
# build-arg HTTP_PROXY=http://proxy:3128
FROM busybox
USER ${USER_NAME:-some_user}
ARG USER_NAME
USER ${USER_NAME:-some_user}
ARG VERSION=v1.0.0
ENV VERSION=${VERSION}
ENV VERSION=v2.0.0
LABEL version=$VERSION proxy=$HTTP_PROXY
