FROM alpine
RUN echo one \

    echo two
