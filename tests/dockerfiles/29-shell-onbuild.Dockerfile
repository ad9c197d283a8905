FROM python:3.12
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN echo hi | wc -c
ONBUILD ADD . /app/src
ONBUILD RUN /usr/local/bin/python-build --dir /app/src
