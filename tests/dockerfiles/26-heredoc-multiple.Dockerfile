FROM alpine
COPY <<FILE1 <<FILE2 /dest/
I am
first
FILE1
I am
second
FILE2
RUN <<A cat > /x && <<B cat > /y
a
A
b
B
