FROM alpine
RUN echo ok
FORM alpine
