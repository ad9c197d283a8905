FROM golang
RUN --mount=type=cache,target=/root/.cache/go-build go build .
RUN --network=none --mount=type=bind,source=.,target=/src make
