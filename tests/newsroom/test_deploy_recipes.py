"""The recipes of deploy/ as deploy/up.sh and deploy/edge.sh fill them in: the ports and
paths land where they belong, nothing is left unfilled, and the scripts parse. Needs
only bash and sed; `make stack-smoke` runs the whole stack."""

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
NGINX = {
    "HTTP_ADDRESS": "127.0.0.1:18080",
    "HTTPS_ADDRESS": "127.0.0.1:18443",
    "SERVER_NAME": "news.example.org",
    "TLS_CERTIFICATE": "/tmp/site dir/site.crt",
    "TLS_CERTIFICATE_KEY": "/tmp/site dir/site.key",
    "MEDIA_ROOT": "/srv/newsroom/media",
    "BACKEND_HOST": "127.0.0.1",
    "BACKEND_PORT": "16081",
}


def render(recipe, values):
    return subprocess.run(
        [DEPLOY / "render.sh", DEPLOY / recipe, *(f"{k}={v}" for k, v in values.items())],
        capture_output=True,
        text=True,
    )


def config_lines(text):
    return [line.strip() for line in text.splitlines() if not line.lstrip().startswith("#")]


@pytest.mark.parametrize("script", sorted(p.name for p in DEPLOY.glob("*.sh")))
def test_the_scripts_parse(script):
    result = subprocess.run(["bash", "-n", DEPLOY / script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_nginx_passes_to_varnish_on_the_given_port_and_listens_where_told():
    result = render("nginx/newsroom.conf", NGINX)
    assert result.returncode == 0, result.stderr
    lines = config_lines(result.stdout)
    assert "proxy_pass http://127.0.0.1:16081;" in lines
    assert "listen 127.0.0.1:18080;" in lines
    assert "listen 127.0.0.1:18443 ssl http2;" in lines
    assert "ssl_certificate_key /tmp/site dir/site.key;" in lines
    assert "alias /srv/newsroom/media/;" in lines
    assert lines.count("server_name news.example.org;") == 2


def test_a_recipe_left_half_filled_in_is_refused_naming_what_it_needs():
    partial = {name: value for name, value in NGINX.items() if name != "BACKEND_PORT"}
    result = render("nginx/newsroom.conf", partial)
    assert result.returncode != 0
    assert result.stdout == ""
    assert "BACKEND_PORT" in result.stderr


def test_a_name_the_recipe_lacks_is_refused():
    result = render("nginx/newsroom.conf", {**NGINX, "BACKEND_PROT": "1"})
    assert result.returncode != 0
    assert "no BACKEND_PROT" in result.stderr


def test_varnish_probes_the_app_as_nginx_forwards_a_reader():
    values = {"BACKEND_HOST": "127.0.0.1", "BACKEND_PORT": "18081", "SERVER_NAME": "localhost"}
    result = render("varnish/newsroom.vcl", values)
    assert result.returncode == 0, result.stderr
    lines = config_lines(result.stdout)
    assert '.port = "18081";' in lines
    assert '"Host: localhost"' in lines
    assert '"X-Forwarded-Proto: https"' in lines


def unit_commands(unit, key):
    script = (
        "PY=/opt/site/.venv/bin/python APP_PORT=19081; source deploy/lib.sh; trap - EXIT; "
        f"unit_commands {unit} {key}"
    )
    result = subprocess.run(["bash", "-c", script], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_gunicorn_runs_as_its_unit_says_bound_to_the_given_port():
    (command,) = unit_commands("newsroom.service", "ExecStart")
    assert command.startswith("/opt/site/.venv/bin/gunicorn newsroom.wsgi ")
    assert "--bind 127.0.0.1:19081 " in command
    assert unit_commands("newsroom.service", "ExecStartPre") == [
        "/opt/site/.venv/bin/python manage.py migrate --noinput",
        "/opt/site/.venv/bin/python manage.py collectstatic --noinput",
    ]


def test_the_worker_runs_as_its_unit_says():
    assert unit_commands("newsroom-worker.service", "ExecStart") == [
        "/opt/site/.venv/bin/python manage.py db_worker --interval 0.1 --no-reload"
    ]
