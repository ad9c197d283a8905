ARG BASE=scratch TAG
FROM ${BASE}
ARG A=1 B C=3
ENV SUM=${A}${B:-x}${C}
