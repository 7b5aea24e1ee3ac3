"""Where an article page's time goes when it is rendered from the database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench \\
    REDIS_URL=redis://127.0.0.1:6379/13 \\
        .venv/bin/python bench/profile_page.py [--pages 50] [--top 40] [--sort cumulative]
        [--cached [--accept-encoding "gzip, deflate, br"]]

Serves article pages in process with Django's test client, production settings (debug
off) and the page cache off, as a reader without a session meets them when no cached
copy exists; with ``REDIS_URL`` set, with the fragments of pages kept there, as in
production. Each page is asked for once, timed (with nothing kept yet), then again, timed
(what a process does once in its life is not counted, and the fragments kept by the first
round are read), then once more under cProfile. Prints the CPU and wall milliseconds and
the queries per page, and the profile's top entries.

With ``--cached`` the pages are served from the page cache instead, through the site's
own WSGI handler (its short way for cached pages), as readers without a session are
served them: the first round stores them, the second and the profile are served from
the cache. ``--accept-encoding`` says what the reader accepts (a browser: brotli).
"""

import argparse
import cProfile
import io
import os
import pstats
import secrets
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=50, help="articles rendered (default 50)")
    parser.add_argument("--top", type=int, default=40, help="profile entries shown")
    parser.add_argument("--sort", default="cumulative", help="pstats sort key")
    parser.add_argument(
        "--path", help="profile this address, asked for --pages times, instead of articles"
    )
    parser.add_argument(
        "--cached", action="store_true", help="serve the pages from the page cache instead"
    )
    parser.add_argument(
        "--accept-encoding", default="", help="with --cached, the reader's Accept-Encoding"
    )
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        parser.error("set DATABASE_URL to the benchmark's database")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        DJANGO_DEBUG="0",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_LOG_LEVEL="CRITICAL",
        NEWSROOM_PAGE_CACHE="1" if args.cached else "0",
    )
    os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))

    import django

    django.setup()

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from articles.models import Article
    from newsroom.content_version import start_content_version

    if args.path:
        paths = [args.path] * args.pages
    else:
        articles = Article.objects.published().order_by("pk")
        step = max(1, articles.count() // args.pages)
        paths = [article.get_absolute_url() for article in articles[::step][: args.pages]]
    client = Client(HTTP_HOST="127.0.0.1")

    def get(path):
        response = client.get(path)
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")

    if args.cached:
        from newsroom.wsgi import application

        def get(path):
            environ = {
                "REQUEST_METHOD": "GET",
                "PATH_INFO": path,
                "QUERY_STRING": "",
                "SCRIPT_NAME": "",
                "SERVER_NAME": "127.0.0.1",
                "SERVER_PORT": "80",
                "HTTP_HOST": "127.0.0.1",
                "HTTP_ACCEPT_ENCODING": args.accept_encoding,
                "REMOTE_ADDR": "127.0.0.1",
                "wsgi.url_scheme": "http",
                "wsgi.input": io.BytesIO(),
                "wsgi.errors": sys.stderr,
            }
            statuses = []
            b"".join(application(environ, lambda status, headers: statuses.append(status)))
            if not statuses[0].startswith("200"):
                raise RuntimeError(f"{path} answered {statuses[0]}")

    def timed(label):
        with CaptureQueriesContext(connection) as queries:
            begun, cpu_begun = time.perf_counter(), time.process_time()
            for path in paths:
                get(path)
            wall, cpu = time.perf_counter() - begun, time.process_time() - cpu_begun
        print(
            f"{label}: {1000 * cpu / len(paths):.2f} ms CPU and {1000 * wall / len(paths):.2f} ms "
            f"wall per page, {len(queries) / len(paths):.1f} queries"
        )

    # Nothing kept from an earlier run: a new content version retires every fragment.
    start_content_version()
    what = f"{args.path} {len(paths)} times" if args.path else f"{len(paths)} article pages"
    timed(f"{what}, first rendering")
    timed(f"{what}, {'from the page cache' if args.cached else 'again'}")
    profile = cProfile.Profile()
    profile.enable()
    for path in paths:
        get(path)
    profile.disable()
    stats = pstats.Stats(profile).strip_dirs().sort_stats(args.sort)
    stats.print_stats(args.top)
    if os.environ.get("CALLERS"):
        stats.print_callers(os.environ["CALLERS"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
