#!/usr/bin/env bash
# The site behind Varnish: gunicorn and the task worker (it sends the purges) as their
# systemd units run them, with gunicorn on APP_PORT, and Varnish in front on EDGE_PORT
# (default 8080), using DATABASE_URL and REDIS_URL from the environment, over plain HTTP.
# Ctrl-C (or any of the three stopping) stops all three.
#
#   EDGE_PORT=8080 APP_PORT=8081 VARNISH_MEMORY=256m deploy/edge.sh
set -euo pipefail
cd "$(dirname "$0")/.."

EDGE_PORT=${EDGE_PORT:-8080}
APP_PORT=${APP_PORT:-$((EDGE_PORT + 1))}
source deploy/lib.sh
need_varnish

production_environment "$EDGE_PORT"
export DJANGO_ALLOWED_HOSTS=${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost}
export DJANGO_SECURE_SSL_REDIRECT=${DJANGO_SECURE_SSL_REDIRECT:-0}

work=$(mktemp -d /tmp/newsroom-edge.XXXXXX)
stop_hooks+=("rm -rf $work")

prepare_unit newsroom.service
start_unit newsroom.service
start_unit newsroom-worker.service
start_varnish "$work" "$EDGE_PORT" 127.0.0.1
echo "Serving http://127.0.0.1:$EDGE_PORT/ (Varnish) in front of gunicorn on 127.0.0.1:$APP_PORT" >&2
wait -n
