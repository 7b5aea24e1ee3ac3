#!/usr/bin/env bash
# The site behind Varnish: gunicorn on loopback, a task worker (it sends the purges) and
# Varnish in front on EDGE_PORT (default 8080), using DATABASE_URL and REDIS_URL from the
# environment. Ctrl-C (or any of the three stopping) stops all three.
#
#   EDGE_PORT=8080 APP_PORT=8081 WORKERS=2 VARNISH_MEMORY=256m deploy/edge.sh
set -euo pipefail
cd "$(dirname "$0")/.."

EDGE_PORT=${EDGE_PORT:-8080}
APP_PORT=${APP_PORT:-$((EDGE_PORT + 1))}
WORKERS=${WORKERS:-2}
PY=${PY:-.venv/bin/python}

if ! command -v varnishd >/dev/null || ! ls /usr/lib/*/varnish/vmods/libvmod_xkey.so >/dev/null 2>&1; then
    echo "Installing varnish and varnish-modules (xkey)" >&2
    { apt-get update -qq && apt-get install -y -qq varnish varnish-modules >/dev/null; } || {
        echo "FATAL: varnish and varnish-modules are not installed and could not be installed" >&2
        exit 1
    }
fi

# Production settings over plain HTTP on loopback, with the keys and purges wired.
export DJANGO_DEBUG=0
export DJANGO_SECRET_KEY=${DJANGO_SECRET_KEY:-$($PY -c 'import secrets; print(secrets.token_urlsafe(50))')}
export DJANGO_ALLOWED_HOSTS=${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost}
export DJANGO_SECURE_SSL_REDIRECT=${DJANGO_SECURE_SSL_REDIRECT:-0}
export NEWSROOM_TASKS_BACKEND=database
export NEWSROOM_EDGE_KEY_HEADERS=${NEWSROOM_EDGE_KEY_HEADERS:-xkey}
export NEWSROOM_EDGE_PURGE_URL=${NEWSROOM_EDGE_PURGE_URL:-http://127.0.0.1:$EDGE_PORT/}

work=$(mktemp -d /tmp/newsroom-edge.XXXXXX)
pids=()
stop() {
    trap - EXIT INT TERM
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap stop EXIT INT TERM

$PY manage.py migrate --noinput >/dev/null
$PY manage.py collectstatic --noinput >/dev/null
sed -e "s/BACKEND_HOST/127.0.0.1/" -e "s/BACKEND_PORT/$APP_PORT/" deploy/varnish/newsroom.vcl \
    >"$work/newsroom.vcl"
chmod 755 "$work"

"$(dirname "$PY")/gunicorn" newsroom.wsgi --bind "127.0.0.1:$APP_PORT" --workers "$WORKERS" \
    --access-logfile - --error-logfile - &
pids+=($!)
# Polled every 0.1 s: a purge reaches Varnish well within a second of the edit.
$PY manage.py db_worker --interval 0.1 --no-startup-delay --no-reload &
pids+=($!)
# The app compresses (brotli or gzip); Varnish keeps one copy per encoding.
varnishd -F -a "127.0.0.1:$EDGE_PORT" -f "$work/newsroom.vcl" -n "$work/varnish" \
    -s "malloc,${VARNISH_MEMORY:-256m}" -p http_gzip_support=off &
pids+=($!)
echo "Serving http://127.0.0.1:$EDGE_PORT/ (Varnish) in front of gunicorn on 127.0.0.1:$APP_PORT" >&2
wait -n
