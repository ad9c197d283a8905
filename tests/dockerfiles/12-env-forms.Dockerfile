FROM alpine
ENV OLD_STYLE value with spaces
ENV A=1 B="two words" C=three\ words
ENV MY_NAME="John Doe" MY_DOG=Rex\ The\ Dog \
    MY_CAT=fluffy
