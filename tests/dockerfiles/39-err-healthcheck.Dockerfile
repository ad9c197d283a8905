FROM alpine
HEALTHCHECK --retries=0 CMD true
