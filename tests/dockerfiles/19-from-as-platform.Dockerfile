FROM --platform=linux/amd64 golang:1.22 AS Builder
RUN go build -o /app .
FROM scratch
COPY --from=builder /app /app
ENTRYPOINT ["/app"]
