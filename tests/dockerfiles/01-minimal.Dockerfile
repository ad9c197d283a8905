FROM alpine
CMD ["echo", "hello"]
