# A comment before anything
FROM alpine
    # an indented comment
RUN echo hi # not a comment: part of the command
# trailing comment
