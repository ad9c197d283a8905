FROM alpine
ARG NAME=world
COPY <<EOF /hello.txt
hello ${NAME}
EOF
COPY <<"EOF" /raw.txt
not expanded ${NAME}
EOF
