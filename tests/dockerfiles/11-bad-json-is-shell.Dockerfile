FROM alpine
CMD [echo, hello]
ENTRYPOINT ['single', 'quotes']
