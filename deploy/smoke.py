"""Checks the stack deploy/up.sh runs, as a reader reaches it: through nginx over HTTPS.

Prints PASS or FAIL for each check and exits non-zero on any failure. Reads the stack's
environment (REDIS_URL, MEDIA_ROOT, DATABASE_URL...) for the checks made from inside:
Redis's settings, an edit made with ``manage.py shell``, an uploaded file.

    python deploy/smoke.py --site https://localhost:8443 --http-port 8080 --app-port 8081
"""

import argparse
import http.client
import json
import os
import re
import secrets
import ssl
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import redis

ROOT = Path(__file__).resolve().parent.parent
KEY_HEADERS = ("xkey", "Surrogate-Key", "Cache-Tag")
# An edit reaches readers within this long: the worker polls every 0.1 s and purges.
EDIT_SECONDS = 2


class Site:
    """Requests to the stack's nginx (HTTPS, or plain HTTP) or straight to gunicorn."""

    def __init__(self, site, http_port, app_port):
        address = urlsplit(site)
        self.host, self.https_port = address.hostname, address.port
        self.http_port, self.app_port = http_port, app_port

    def get(self, path, *, via="https", headers=()):
        if via == "https":
            connection = http.client.HTTPSConnection(
                "127.0.0.1", self.https_port, context=ssl._create_unverified_context()
            )
            host = f"{self.host}:{self.https_port}"
        elif via == "http":
            connection = http.client.HTTPConnection("127.0.0.1", self.http_port)
            host = f"{self.host}:{self.http_port}"
        else:  # the app, as nginx and Varnish forward a reader's request to it
            connection = http.client.HTTPConnection("127.0.0.1", self.app_port)
            host, headers = self.host, {"X-Forwarded-Proto": "https", **dict(headers)}
        connection.timeout = 10
        connection.request("GET", path, headers={"Host": host, **dict(headers)})
        response = connection.getresponse()
        response.text = response.read().decode("utf-8", "replace")
        connection.close()
        return response


class Checks:
    def __init__(self):
        self.failures = 0

    def __call__(self, name, passed, detail=""):
        print(f"{'PASS' if passed else 'FAIL'}  {name}{f'  ({detail})' if detail else ''}")
        self.failures += not passed
        return passed


def manage_shell(code):
    command = [sys.executable, "manage.py", "shell", "-c", code]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)


# Redis's units for memory sizes in its configuration file.
REDIS_UNITS = {"k": 1000, "kb": 1024, "m": 1000**2, "mb": 1024**2, "g": 1000**3, "gb": 1024**3}


def recipe_redis_settings():
    """The memory settings of deploy/redis/newsroom.conf, as CONFIG GET gives them."""
    settings = {}
    for line in (ROOT / "deploy" / "redis" / "newsroom.conf").read_text().splitlines():
        name, _, value = line.strip().partition(" ")
        if name == "maxmemory":
            number, unit = re.fullmatch(r"(\d+)([a-z]*)", value.strip().lower()).groups()
            settings[name] = str(int(number) * REDIS_UNITS.get(unit, 1))
        elif name == "maxmemory-policy":
            settings[name] = value.strip()
    return settings


def check_redis(check):
    client = redis.Redis.from_url(os.environ["REDIS_URL"], decode_responses=True)
    expected = recipe_redis_settings()
    running = {name: client.config_get(name)[name] for name in expected}
    check("Redis runs with the recipe's memory settings", running == expected, running)


def check_front_page(site, check):
    first, second = site.get("/"), site.get("/")
    check("front page 200 over HTTPS", first.status == 200, first.status)
    check(
        "front page MISS, then HIT from Varnish",
        (first.getheader("X-Cache"), second.getheader("X-Cache")) == ("MISS", "HIT"),
        f"{first.getheader('X-Cache')}, then {second.getheader('X-Cache')}",
    )
    check(
        "the app sees HTTPS through nginx and Varnish (HSTS sent)",
        bool(first.getheader("Strict-Transport-Security")),
    )


def check_redirect(site, check):
    response = site.get("/articles/?page=2", via="http")
    location = response.getheader("Location") or ""
    check(
        "plain HTTP redirects to HTTPS",
        response.status == 301 and location == f"https://{site.host}/articles/?page=2",
        f"{response.status} {location}",
    )


def first_article(site, check):
    response = site.get("/api/v1/articles")
    check("/api/v1/articles 200", response.status == 200, response.status)
    return json.loads(response.text)["items"][0]


def check_article(site, check, article):
    path = urlsplit(article["url"]).path
    page, app = site.get(path), site.get(path, via="app")
    check("article page 200", page.status == 200 and article["title"] in page.text, page.status)
    sent = [name for name in KEY_HEADERS if app.getheader(name)]
    left = [name for name in KEY_HEADERS if page.getheader(name)]
    check(
        "article page's keys stripped before readers",
        bool(sent) and not left,
        f"the app sends {', '.join(sent) or 'none'}; readers get {', '.join(left) or 'none'}",
    )
    return path


def check_not_found(site, check):
    missing = f"/articles/no-such-article-{secrets.token_hex(4)}/"
    first, second = site.get(missing), site.get(missing)
    check(
        "unknown slug: the site's 404 page, not kept by Varnish",
        first.status == second.status == 404
        and "Page not found" in first.text
        and second.getheader("X-Cache") == "MISS",
        f"{first.status}, {second.status} {second.getheader('X-Cache')}",
    )


def check_admin(site, check):
    first, second = site.get("/admin/login/"), site.get("/admin/login/")
    cache_control = first.getheader("Cache-Control") or ""
    check(
        "admin login page 200 and never cached",
        first.status == second.status == 200
        and "private" in cache_control
        and second.getheader("X-Cache") == "MISS",
        f"{first.status}, Cache-Control: {cache_control}, then {second.getheader('X-Cache')}",
    )


def check_edit_purges(site, check, article, path):
    site.get(path)
    cached = site.get(path).getheader("X-Cache") == "HIT"
    title = f"{article['title']} ({secrets.token_hex(3)})"
    edit = (
        "from articles.models import Article; "
        "a = Article.objects.get(pk={pk}); a.title = {title!r}; a.save()"
    )
    manage_shell(edit.format(pk=article["id"], title=title))
    edited = time.monotonic()
    seen = None
    while time.monotonic() - edited < EDIT_SECONDS:
        if title in site.get(path).text:
            seen = time.monotonic() - edited
            break
        time.sleep(0.05)
    manage_shell(edit.format(pk=article["id"], title=article["title"]))
    check(
        f"an edit reaches readers within {EDIT_SECONDS} s (the worker purges Varnish)",
        cached and seen is not None,
        f"cached before: {cached}; " + (f"seen after {seen:.2f} s" if seen else "never seen"),
    )


def check_media(site, check):
    name = f"stack-smoke-{secrets.token_hex(4)}.txt"
    upload = Path(os.environ["MEDIA_ROOT"]) / name
    upload.parent.mkdir(parents=True, exist_ok=True)
    upload.write_text(name)
    try:
        response = site.get(f"/media/{name}")
    finally:
        upload.unlink()
    check("uploads served by nginx from MEDIA_ROOT", response.text == name, response.status)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", required=True, help="https://host:port of nginx")
    parser.add_argument("--http-port", type=int, required=True, help="nginx's plain HTTP port")
    parser.add_argument("--app-port", type=int, required=True, help="gunicorn's port")
    options = parser.parse_args()
    site, check = Site(options.site, options.http_port, options.app_port), Checks()
    check_front_page(site, check)
    check_redirect(site, check)
    article = first_article(site, check)
    path = check_article(site, check, article)
    check_not_found(site, check)
    check_admin(site, check)
    check_edit_purges(site, check, article, path)
    check_media(site, check)
    check_redis(check)
    print(f"{check.failures} check(s) failed" if check.failures else "All checks passed")
    return 1 if check.failures else 0


if __name__ == "__main__":
    sys.exit(main())
