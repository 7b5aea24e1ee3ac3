#!/usr/bin/env bash
# Prints a recipe of deploy/ with its words in capitals filled in:
#
#   deploy/render.sh deploy/varnish/newsroom.vcl BACKEND_HOST=127.0.0.1 BACKEND_PORT=8081 ...
#
# Each NAME=VALUE replaces NAME wherever it stands as a whole word. It fails, printing
# nothing, when a NAME is not in the recipe or when a word in capitals with an underscore
# is left outside the comments: a recipe half filled in would load and misbehave.
set -euo pipefail
template=$1
shift
script=()
for pair in "$@"; do
    name=${pair%%=*}
    value=${pair#*=}
    if ! grep -qw -- "$name" "$template"; then
        echo "FATAL: $template has no $name to fill in" >&2
        exit 1
    fi
    value=$(printf '%s' "$value" | sed -e 's/[\\|&]/\\&/g')
    script+=(-e "s|\\b$name\\b|$value|g")
done
rendered=$(sed "${script[@]}" "$template")
if left=$(grep -v '^[[:space:]]*#' <<<"$rendered" | grep -ow '[A-Z][A-Z0-9]*_[A-Z0-9_]*'); then
    echo "FATAL: $template still needs $(sort -u <<<"$left" | tr '\n' ' ')" >&2
    exit 1
fi
printf '%s\n' "$rendered"
