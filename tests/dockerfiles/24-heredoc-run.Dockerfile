# syntax=docker/dockerfile:1
FROM debian
RUN <<EOF
apt-get update
apt-get install -y curl
EOF
RUN <<-EOT bash
	echo "tabs stripped"
	EOT
