#!/usr/bin/env bash
# The production stack of deploy/ on loopback, from its own files: PostgreSQL (the
# environment's DATABASE_URL; the database is made when missing), a Redis of its own
# started with deploy/redis/newsroom.conf, gunicorn and the task worker as their systemd
# units run them, Varnish with deploy/varnish/newsroom.vcl, and nginx with
# deploy/nginx/newsroom.conf terminating TLS with a self-signed certificate. Ports are
# free ones on 127.0.0.1 (or HTTPS_PORT, HTTP_PORT); state lives in a temporary folder.
# Ctrl-C (or any part stopping) stops all of it; no system service is touched.
#
#   deploy/up.sh            # serve https://localhost:PORT/ until Ctrl-C
#   deploy/up.sh --smoke    # bring it up, check it through nginx, stop; non-zero on a failure
#
# Redis: a server of its own rather than the environment's REDIS_URL with the recipe's
# settings applied by CONFIG SET, since allkeys-lru on a shared server would evict
# other users' keys, and starting from the file checks the file itself.
set -euo pipefail
cd "$(dirname "$0")/.."

SMOKE=
case "${1:-}" in
    --smoke) SMOKE=1 ;;
    "") ;;
    *) echo "usage: deploy/up.sh [--smoke]" >&2 && exit 2 ;;
esac

source deploy/lib.sh
need_varnish
command -v nginx >/dev/null || install_packages nginx
command -v redis-server >/dev/null || install_packages redis-server
command -v openssl >/dev/null || install_packages openssl

work=$(mktemp -d /tmp/newsroom-stack.XXXXXX)
stop_hooks+=("rm -rf $work")
mkdir -p "$work/logs" "$work/redis" "$work/nginx/temp"
if [ -n "$SMOKE" ]; then
    LOG=$work/logs
fi

read -r -d '' APP_PORT VARNISH_PORT REDIS_PORT free_https free_http < <(free_ports 5) || true
HTTPS_PORT=${HTTPS_PORT:-$free_https}
HTTP_PORT=${HTTP_PORT:-$free_http}
SERVER_NAME=localhost
SITE=https://$SERVER_NAME:$HTTPS_PORT

# What /etc/newsroom.env holds in production (deploy/systemd/newsroom.service).
production_environment "$VARNISH_PORT"
export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/newsroom_stack}
export REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0
export DJANGO_ALLOWED_HOSTS=$SERVER_NAME
export DJANGO_CSRF_TRUSTED_ORIGINS=$SITE
export NEWSROOM_SITE_URL=$SITE
export DJANGO_SECURE_PROXY_SSL_HEADER=HTTP_X_FORWARDED_PROTO,https
export DJANGO_CLIENT_IP_HEADER=HTTP_X_FORWARDED_FOR
export DJANGO_TRUSTED_PROXIES=2
export MEDIA_ROOT=${MEDIA_ROOT:-$PWD/media}
env | grep -E '^(DATABASE_URL|REDIS_URL|DJANGO_|NEWSROOM_|MEDIA_ROOT)' >"$work/newsroom.env"
chmod 600 "$work/newsroom.env"  # the signing key; the folder is opened for varnishd

# PostgreSQL: the server is the environment's; the database is made when missing.
"$PY" - <<'EOF'
import os
import dj_database_url
import psycopg
from psycopg import sql

db = dj_database_url.parse(os.environ["DATABASE_URL"])
params = {"host": db["HOST"], "port": db["PORT"] or 5432, "user": db["USER"], "password": db["PASSWORD"]}
with psycopg.connect(dbname="postgres", autocommit=True, **params) as connection:
    if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]]).fetchone():
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(db["NAME"])))
EOF

start redis redis-server deploy/redis/newsroom.conf --bind 127.0.0.1 --port "$REDIS_PORT" \
    --dir "$work/redis" --daemonize no
wait_for_port "$REDIS_PORT" redis-server

prepare_unit newsroom.service
"$PY" manage.py load_seeds >/dev/null
start_unit newsroom.service
start_unit newsroom-worker.service
start_varnish "$work" "$VARNISH_PORT" "$SERVER_NAME"

openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=$SERVER_NAME" \
    -addext "subjectAltName=DNS:$SERVER_NAME,IP:127.0.0.1" \
    -keyout "$work/nginx/site.key" -out "$work/nginx/site.crt" 2>/dev/null
deploy/render.sh deploy/nginx/newsroom.conf "HTTP_ADDRESS=127.0.0.1:$HTTP_PORT" \
    "HTTPS_ADDRESS=127.0.0.1:$HTTPS_PORT" "SERVER_NAME=$SERVER_NAME" \
    "TLS_CERTIFICATE=$work/nginx/site.crt" "TLS_CERTIFICATE_KEY=$work/nginx/site.key" \
    "MEDIA_ROOT=$MEDIA_ROOT" BACKEND_HOST=127.0.0.1 "BACKEND_PORT=$VARNISH_PORT" \
    >"$work/nginx/newsroom.conf"
# What Debian's /etc/nginx/nginx.conf gives a site, with every path in the temporary folder.
cat >"$work/nginx/nginx.conf" <<EOF
daemon off;
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log stderr;
events { worker_connections 512; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log $work/logs/nginx-access.log;
    client_body_temp_path $work/nginx/temp/body;
    proxy_temp_path $work/nginx/temp/proxy;
    fastcgi_temp_path $work/nginx/temp/fastcgi;
    uwsgi_temp_path $work/nginx/temp/uwsgi;
    scgi_temp_path $work/nginx/temp/scgi;
    ssl_protocols TLSv1.2 TLSv1.3;
    include $work/nginx/newsroom.conf;
}
EOF
nginx=(nginx -e stderr -p "$work/nginx" -c "$work/nginx/nginx.conf")
"${nginx[@]}" -t -q
start nginx "${nginx[@]}"
wait_for_port "$HTTPS_PORT" nginx

# Varnish serves once its health probe has found the app up.
"$PY" - "$HTTPS_PORT" "$SERVER_NAME" <<'EOF' || exit 1
import http.client, ssl, sys, time
port, host = int(sys.argv[1]), sys.argv[2]
deadline = time.monotonic() + 60
while True:
    connection = http.client.HTTPSConnection("127.0.0.1", port, context=ssl._create_unverified_context(), timeout=5)
    try:
        connection.request("GET", "/robots.txt", headers={"Host": f"{host}:{port}"})
        status = connection.getresponse().status
    except OSError:
        status = None
    if status == 200:
        break
    if time.monotonic() > deadline:
        sys.exit(f"FATAL: the site did not answer 200 through nginx in 60 s (last: {status})")
    time.sleep(0.5)
EOF

cat >&2 <<EOF
Serving $SITE/ (self-signed): nginx on 127.0.0.1:$HTTPS_PORT (HTTP on $HTTP_PORT), Varnish on
$VARNISH_PORT, gunicorn on $APP_PORT, Redis on $REDIS_PORT, $DATABASE_URL.
The environment is in $work/newsroom.env (set -a; . $work/newsroom.env) for manage.py.
EOF

if [ -n "$SMOKE" ]; then
    status=0
    "$PY" deploy/smoke.py --site "$SITE" --http-port "$HTTP_PORT" --app-port "$APP_PORT" || status=$?
    if [ "$status" -ne 0 ]; then
        for log in "$work"/logs/*.log; do
            echo "---- last lines of $(basename "$log")" >&2
            tail -n 15 "$log" >&2
        done
    fi
    exit "$status"
fi
wait -n
