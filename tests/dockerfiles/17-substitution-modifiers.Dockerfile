FROM alpine
ENV SET=value EMPTY=
ENV A=${SET:-default} B=${UNSET:-default} C=${EMPTY:-default} D=${EMPTY-default}
ENV E=${SET:+alt} F=${UNSET:+alt} G=${EMPTY+alt} H=${UNSET-dash}
ENV I='$SET' J="$SET" K=\$SET L=${SET}s
