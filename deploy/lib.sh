# Shared by deploy/edge.sh and deploy/up.sh, which source it from the project folder:
# running the recipes of deploy/ on loopback, from the files themselves, and stopping
# everything they started together.

PY=${PY:-.venv/bin/python}
BIN=$(dirname "$PY")
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac

# Installs Debian's packages: install_packages PACKAGE...
install_packages() {
    echo "Installing $*" >&2
    { apt-get update -qq && apt-get install -y -qq "$@" >/dev/null; } || {
        echo "FATAL: $* not installed and could not be installed" >&2
        exit 1
    }
}

need_varnish() {
    if ! command -v varnishd >/dev/null || ! ls /usr/lib/*/varnish/vmods/libvmod_xkey.so >/dev/null 2>&1; then
        install_packages varnish varnish-modules
    fi
}

# Free loopback ports, one a line: free_ports COUNT. The sockets stay open until all are
# chosen, so no two are the same.
free_ports() {
    "$PY" - "$1" <<'EOF'
import socket, sys
sockets = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in sockets:
    s.bind(("127.0.0.1", 0))
print("\n".join(str(s.getsockname()[1]) for s in sockets))
EOF
}

# Waits until something accepts connections on a loopback port: wait_for_port PORT NAME.
wait_for_port() {
    for _ in $(seq 300); do
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return
        sleep 0.1
    done
    echo "FATAL: $2 did not listen on 127.0.0.1:$1 in 30 s" >&2
    exit 1
}

# A command of a systemd unit in deploy/systemd, one a line (ExecStartPre may repeat), as
# this checkout runs it: its venv for /srv/newsroom/.venv, gunicorn bound to APP_PORT.
# unit_commands UNIT KEY
unit_commands() {
    local unit=deploy/systemd/$1 commands
    commands=$(sed -n "s/^$2=//p" "$unit" | sed -e "s#/srv/newsroom/\.venv/bin/#$BIN/#g" \
        -e "s#--bind 127\.0\.0\.1:[0-9]*#--bind 127.0.0.1:$APP_PORT#")
    if [ -z "$commands" ] || grep -q /srv/newsroom <<<"$commands"; then
        echo "FATAL: $unit has no $2 this checkout can run: $commands" >&2
        exit 1
    fi
    printf '%s\n' "$commands"
}

# Everything started, stopped together on exit, Ctrl-C or any of them stopping.
pids=()
stop_hooks=()
stop() {
    trap - EXIT INT TERM
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    for hook in "${stop_hooks[@]}"; do $hook; done
}
trap stop EXIT INT TERM

# Starts a command in the background, its output to LOG when set: start NAME COMMAND...
start() {
    local name=$1
    shift
    if [ -n "${LOG:-}" ]; then
        "$@" >>"$LOG/$name.log" 2>&1 &
    else
        "$@" &
    fi
    pids+=($!)
}

# Runs each of a unit's commands in the background: start_unit UNIT
start_unit() {
    local command words
    while read -r command; do
        read -ra words <<<"$command"
        start "${1%.service}" "${words[@]}"
    done < <(unit_commands "$1" ExecStart)
}

# Runs a unit's ExecStartPre commands in turn: prepare_unit UNIT
prepare_unit() {
    local command words
    while read -r command; do
        read -ra words <<<"$command"
        "${words[@]}" >/dev/null
    done < <(unit_commands "$1" ExecStartPre)
}

# Varnish with the recipe's VCL on PORT, in front of the app on APP_PORT, for SERVER_NAME:
# start_varnish WORKDIR PORT SERVER_NAME. The app compresses (brotli or gzip) and Varnish
# keeps one copy per encoding, as in production.
start_varnish() {
    local work=$1 port=$2 server_name=$3
    # varnishd reads the VCL and keeps its state as its own unprivileged user.
    chmod 755 "$work"
    deploy/render.sh deploy/varnish/newsroom.vcl BACKEND_HOST=127.0.0.1 \
        "BACKEND_PORT=$APP_PORT" "SERVER_NAME=$server_name" >"$work/newsroom.vcl"
    start varnish varnishd -F -a "127.0.0.1:$port" -f "$work/newsroom.vcl" -n "$work/varnish" \
        -s "malloc,${VARNISH_MEMORY:-256m}" -p http_gzip_support=off
}

# Production settings, with the keys and purges wired to Varnish on PORT:
# production_environment PORT
production_environment() {
    export DJANGO_DEBUG=0
    export DJANGO_SECRET_KEY=${DJANGO_SECRET_KEY:-$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')}
    export NEWSROOM_TASKS_BACKEND=database
    export NEWSROOM_EDGE_KEY_HEADERS=${NEWSROOM_EDGE_KEY_HEADERS:-xkey}
    export NEWSROOM_EDGE_PURGE_URL=${NEWSROOM_EDGE_PURGE_URL:-http://127.0.0.1:$1/}
}
