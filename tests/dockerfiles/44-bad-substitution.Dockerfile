FROM alpine
WORKDIR ${}
ENV X="${REQUIRED:?must be set}" Y=${EMPTY_OK?}
USER ${NAME
