"""The public site under load, measured against a bare Django project in the same run.

    .venv/bin/python bench/bench_site.py [--seconds 10] [--connections 4] [--reset]

Prepares the PostgreSQL database ``newsroom_bench`` (created, migrated and filled with a
generated corpus when it has no articles; kept between runs), counts the queries each page
makes with and without the cache, and times the first and last pages of long lists in
process. Then it serves the site with gunicorn in production settings on a free loopback
port and loads each page with wrk: article pages (rotating over many articles), the same
pages from a second server with the page cache off (each rendered from the database), the
busiest entity's page, the front page, the article list filtered by that entity, search,
the RSS feed and the sitemap. The ceiling is a bare Django project (``startproject``
defaults, no database) serving the HTML of one real article page from the same gunicorn
settings, loaded the same way before and after the pages. Writes a Markdown report to
``--output``; exits non-zero on errors or any response that is not 2xx, never on a
missed target.
"""

import argparse
import datetime
import importlib.metadata
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

import redis

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import (
    PG,
    PYTHON,
    ROOT,
    database_exists,
    get,
    gunicorn,
    log,
    manage,
    production_environment,
    psql,
)

REDIS_DB = 14  # the benchmark's own Redis database, flushed at the start of each run
ARTICLE_SAMPLE = 500  # article pages the article load rotates over
WARM_UP_SECONDS = 1
WRK_THREADS = 1  # drives a few connections easily and leaves the cores to gunicorn
TIMED_RUNS = 5  # in-process timings per page in the scale table; the median is reported

# Article pages again, from a server with the page cache off: each one rendered from the
# database, as a page is the first time it is asked for after a change.
RENDERED = "article, rendered from the database"
TARGETS = {  # page: the least share of the ceiling's requests per second
    "article": 0.6,
    RENDERED: 0.1,
    "entity": 0.3,
    "front": 0.3,
    "list": 0.3,
}
P99_TARGET_MS = 100

# Counts responses that are not 2xx (wrk's own count lets 3xx through) and rotates over
# the paths given, so that the article load reads many articles rather than one hot one.
WRK_SCRIPT = """
paths = {%(paths)s}
bad = 0
local threads = {}
local next_path = 0

function setup(thread)
  table.insert(threads, thread)
end

function request()
  next_path = next_path %% #paths + 1
  return wrk.format("GET", paths[next_path])
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("bad")
  end
  io.write(string.format("non-2xx: %%d\\n", total))
end
"""

CEILING_URLS = """
from pathlib import Path

from django.http import HttpResponse
from django.urls import path

PAGE = (Path(__file__).resolve().parent / "page.html").read_bytes()


def page(request):
    return HttpResponse(PAGE)


urlpatterns = [path("", page)]
"""

CEILING_SETTINGS = """
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]
DATABASES = {}
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000, help="corpus size to generate")
    parser.add_argument("--entities", type=int, default=2000, help="corpus size to generate")
    parser.add_argument("--seconds", type=float, default=10, help="load per page (default 10)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument(
        "--connections",
        type=int,
        help="concurrent connections (default two per worker: each worker always has the "
        "next request waiting; more would only wait in the listen queue and add that wait "
        "to every latency)",
    )
    parser.add_argument("--worker-class", default="sync", help="gunicorn worker class")
    parser.add_argument(
        "--database", type=database_name, default="newsroom_bench", help="PostgreSQL database"
    )
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results" / "site.md")
    parser.add_argument(
        "--reset", action="store_true", help="drop the database and generate the corpus again"
    )
    parser.add_argument("--in-process", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.in_process:
        return in_process(args.in_process)
    args.connections = args.connections or 2 * args.workers
    if not shutil.which("wrk"):
        log("FAILED: wrk is not installed (apt-get install wrk)")
        return 1
    try:
        return run(args)
    except (RuntimeError, subprocess.CalledProcessError) as error:
        log(f"FAILED: {error}")
        return 1


def database_name(value):
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", value):
        raise argparse.ArgumentTypeError("lower-case letters, digits and underscores only")
    return value


def run(args):
    started = datetime.datetime.now(datetime.UTC)
    load_at_start = os.getloadavg()
    redis_url = f"redis://127.0.0.1:6379/{REDIS_DB}"
    env = production_environment(args.database, REDIS_URL=redis_url)
    prepare_database(args, env)

    log("Counting queries and timing long lists in process")
    with tempfile.TemporaryDirectory(prefix="bench-site-") as scratch:
        facts_file = Path(scratch) / "facts.json"
        subprocess.run(
            [PYTHON, __file__, "--in-process", str(facts_file)], cwd=ROOT, env=env, check=True
        )
        facts = json.loads(facts_file.read_text())
    article = facts["pages"]["article"]
    rendered = {**article, "cached": article["rendered"]}
    pages = facts["pages"] = {"article": article, RENDERED: rendered, **facts["pages"]}

    cache = flush_redis(redis_url)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    server_log_path = args.output.with_name("site-server.log")
    load = []
    with (
        tempfile.TemporaryDirectory(prefix="bench-ceiling-") as ceiling_dir,
        server_log_path.open("w") as server_log,
        gunicorn(
            "newsroom.wsgi",
            env=env,
            log_file=server_log,
            workers=args.workers,
            worker_class=args.worker_class,
        ) as site_port,
        gunicorn(
            "newsroom.wsgi",
            env={**env, "NEWSROOM_PAGE_CACHE": "0"},
            log_file=server_log,
            workers=args.workers,
            worker_class=args.worker_class,
        ) as rendering_port,
    ):
        status, html = get(site_port, pages["article"]["paths"][0])
        if status != 200:
            raise RuntimeError(f"{pages['article']['paths'][0]} answered {status}")
        ceiling_env = make_ceiling(Path(ceiling_dir), html)
        with gunicorn(
            "ceiling.wsgi",
            env=ceiling_env,
            log_file=server_log,
            workers=args.workers,
            worker_class=args.worker_class,
            cwd=Path(ceiling_dir),
        ) as ceiling_port:
            log(f"Loading each page for {args.seconds:g} s, {args.connections} connections")
            ceiling = [wrk(ceiling_port, ["/"], args, "ceiling")]
            for name, page in pages.items():
                port = rendering_port if name == RENDERED else site_port
                load.append((name, wrk(port, page["paths"], args, name)))
            ceiling.append(wrk(ceiling_port, ["/"], args, "ceiling again"))
    cached_keys = cache.dbsize()

    report = render(
        args, facts, load, ceiling, (redis_url, cached_keys), started, load_at_start, len(html)
    )
    log("\n" + report)
    args.output.write_text(report)
    log(f"Written to {args.output}")
    errors = [
        f"{name}: {result['non_2xx']} non-2xx, {result['socket_errors']} socket errors"
        for name, result in [*load, ("ceiling", ceiling[0]), ("ceiling", ceiling[1])]
        if result["non_2xx"] or result["socket_errors"]
    ]
    if errors:
        log("FAILED: " + "; ".join(errors) + f" (server log: {server_log_path})")
        return 1
    return 0


def prepare_database(args, env):
    if args.reset and database_exists(args.database):
        log(f"Dropping {args.database}")
        psql(f"DROP DATABASE {args.database} WITH (FORCE)")
    if not database_exists(args.database):
        log(f"Creating {args.database}")
        psql(f"CREATE DATABASE {args.database}")
    manage(env, "migrate", "--noinput", "-v0")
    articles = int(psql("SELECT count(*) FROM articles_article", args.database))
    if articles and articles != args.articles:
        log(
            f"{args.database} holds {articles} articles, not {args.articles}: --reset to regenerate"
        )
    if not articles:
        log(f"Generating {args.articles} articles about {args.entities} entities")
        subprocess.run(
            [
                PYTHON,
                str(ROOT / "bench" / "generate_content.py"),
                f"--articles={args.articles}",
                f"--entities={args.entities}",
                "--seed=1",
            ],
            cwd=ROOT,
            env=env,
            check=True,
        )
    # Plans as a live database's would be: autovacuum may not have seen a fresh corpus yet.
    psql("VACUUM (ANALYZE)", args.database)
    # Production serves hashed static names from the manifest collectstatic writes.
    manage(env, "collectstatic", "--noinput", "-v0")


def flush_redis(url):
    client = redis.Redis.from_url(url)
    try:
        client.flushdb()
    except redis.RedisError as error:
        raise RuntimeError(f"Redis at {url} is not usable: {error}") from None
    return client


def make_ceiling(directory, html):
    """A ``startproject`` project whose one view returns ``html``; its environment."""
    subprocess.run(
        [PYTHON, "-m", "django", "startproject", "ceiling", str(directory)],
        check=True,
        capture_output=True,
    )
    (directory / "ceiling" / "page.html").write_bytes(html)
    (directory / "ceiling" / "urls.py").write_text(CEILING_URLS)
    with (directory / "ceiling" / "settings.py").open("a") as settings:
        settings.write(CEILING_SETTINGS)
    env = {**os.environ, "PYTHONPATH": str(directory), "DJANGO_SETTINGS_MODULE": "ceiling.settings"}
    return env


def wrk(port, paths, args, label):
    """Load ``paths`` in turn for ``args.seconds`` after a warm-up: each path asked for
    once, so that the page cache holds it as it would a page readers keep opening, then a
    short load."""
    for path in paths:
        if not re.fullmatch(r"[!#-\[\]-~]+", path):
            raise RuntimeError(f"{path!r} is not a plain ASCII path wrk's script can carry")
    for path in dict.fromkeys(paths):
        status, _ = get(port, path, timeout=120)
        if status != 200:
            raise RuntimeError(f"{path} answered {status} during the warm-up")
    lua_paths = ", ".join(f'"{path}"' for path in paths)
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(WRK_SCRIPT % {"paths": lua_paths})
        script.flush()
        results = []
        for seconds in (WARM_UP_SECONDS, args.seconds):
            results.append(run_wrk(port, script.name, seconds, args.connections))
            wait_until_idle(port)
    warm_up, result = results
    result["non_2xx"] += warm_up["non_2xx"]
    result["socket_errors"] += warm_up["socket_errors"]
    log(
        f"  {label:<14}{result['rps']:>9.1f} req/s  p50 {result['p50']:8.1f} ms  "
        f"p99 {result['p99']:8.1f} ms  {result['requests']} requests, "
        f"{result['non_2xx']} non-2xx, {result['socket_errors']} socket errors"
    )
    return result


def run_wrk(port, script, seconds, connections):
    command = ["wrk", f"-t{min(WRK_THREADS, connections)}", f"-c{connections}"]
    # A request still running when wrk stops is not counted; one that outlives gunicorn's
    # 30 s worker timeout shows up as a socket error rather than as a wrk timeout.
    command += [f"-d{seconds:g}s", "--latency", "--timeout", "60s", "-s", script]
    command.append(f"http://127.0.0.1:{port}")
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return parse_wrk(output)


SERVING_STATES = {"01", "03", "08", "09"}  # established, SYN received, close wait, last ACK


def wait_until_idle(port, seconds=120):
    """Until the server has finished the requests wrk left when it stopped, so that they
    do not slow the next measurement: until no connection to ``port`` is open on its side.

    Reads Linux's socket table; elsewhere it waits a fixed second.
    """
    table = Path("/proc/net/tcp")
    if not table.exists():
        time.sleep(1)
        return
    local = f"0100007F:{port:04X}"
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        rows = [line.split() for line in table.read_text().splitlines()[1:]]
        if not any(row[1] == local and row[3] in SERVING_STATES for row in rows):
            return
        time.sleep(0.1)
    raise RuntimeError(f"the server on port {port} was still busy {seconds} s after the load")


UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def parse_wrk(output):
    def number(pattern):
        found = re.search(pattern, output, re.MULTILINE)
        if not found:
            raise RuntimeError(f"no {pattern!r} in wrk's output:\n{output}")
        return found

    def latency(percent):
        found = number(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s|m|h)\s*$")
        return float(found[1]) * UNITS_MS[found[2]]

    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return {
        "rps": float(number(r"^Requests/sec:\s+([\d.]+)")[1]),
        "requests": int(number(r"^\s+(\d+) requests in")[1]),
        "p50": latency(50),
        "p75": latency(75),
        "p90": latency(90),
        "p99": latency(99),
        "non_2xx": int(number(r"^non-2xx: (\d+)")[1]),
        "socket_errors": sum(map(int, socket_errors.groups())) if socket_errors else 0,
    }


def in_process(facts_file):
    """In a process of its own, with the site's environment: choose the pages, count
    their queries, time long lists; write what was found to ``facts_file``."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()

    from django.contrib import admin
    from django.contrib.auth.models import User
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings
    from django.urls import reverse

    import articles
    from articles.models import Article, Mention
    from articles.views import ArticleListView
    from institutions.models import Entity
    from institutions.views import EntityDetailView

    if not Path(articles.__file__).is_relative_to(ROOT):
        raise RuntimeError(f"the site's code comes from {articles.__file__}, not {ROOT}")

    published = Article.objects.published()
    slugs = list(published.order_by("pk").values_list("slug", flat=True))
    if not slugs:
        raise RuntimeError("the database has no published articles")
    sample = slugs[:: max(1, len(slugs) // ARTICLE_SAMPLE)][:ARTICLE_SAMPLE]
    busiest = Entity.objects.with_article_counts().order_by("-article_count", "pk").first()
    pages = {
        "article": [reverse("articles:detail", kwargs={"slug": slug}) for slug in sample],
        "entity": [busiest.get_absolute_url()],
        "front": [reverse("home")],
        "list": [f"{reverse('articles:list')}?entity={busiest.slug}"],
        "search": [f"{reverse('search')}?{urllib.parse.urlencode({'q': busiest.name})}"],
        "feed": [reverse("feed_rss")],
        "sitemap": [reverse("sitemap")],
    }

    client = Client(HTTP_HOST="127.0.0.1")

    def fetch(path):
        """The number of queries a GET of ``path`` makes, and its milliseconds."""
        begun = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")
        return len(queries), (time.perf_counter() - begun) * 1000

    facts = {"pages": {}, "scale": []}
    for name, paths in pages.items():
        # Once first, so that what a worker does once in its life is not counted.
        fetch(paths[0])
        cache.clear()
        uncached, milliseconds = fetch(paths[0])
        facts["pages"][name] = {
            "paths": paths,
            "uncached": uncached,
            "cached": fetch(paths[0])[0],
            "ms": milliseconds,
        }
    # Rendered again without the page cache, once the first rendering kept the parts
    # around its text.
    with override_settings(NEWSROOM_PAGE_CACHE=False):
        fetch(pages["article"][0])
        facts["pages"]["article"]["rendered"] = fetch(pages["article"][0])[0]

    def timed(label, path):
        fetch(path)
        counts, times = [], []
        for _ in range(TIMED_RUNS):
            cache.clear()
            count, milliseconds = fetch(path)
            counts.append(count)
            times.append(milliseconds)
        facts["scale"].append(
            {"page": label, "path": path, "ms": statistics.median(times), "queries": max(counts)}
        )

    entity_path = busiest.get_absolute_url()
    last_list_page = math.ceil(len(slugs) / ArticleListView.paginate_by)
    last_entity_page = math.ceil(busiest.article_count / EntityDetailView.paginate_by)
    timed("article list, page 1", reverse("articles:list"))
    timed(
        f"article list, page {last_list_page}",
        f"{reverse('articles:list')}?page={last_list_page}",
    )
    timed("entity page, page 1", entity_path)
    timed(f"entity page, page {last_entity_page}", f"{entity_path}?page={last_entity_page}")

    user, _ = User.objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    client.force_login(user)
    changelist = reverse("admin:articles_article_changelist")
    per_page = admin.site.get_model_admin(Article).list_per_page
    last_admin_page = math.ceil(Article.objects.count() / per_page)
    timed("admin changelist, page 1", changelist)
    timed(f"admin changelist, page {last_admin_page}", f"{changelist}?p={last_admin_page}")

    facts["corpus"] = {
        "articles": len(slugs),
        "entities": Entity.objects.count(),
        "mentions": Mention.objects.in_published_articles().count(),
        "busiest": {"name": busiest.name, "articles": busiest.article_count},
    }
    facts["versions"] = {
        "django": django.get_version(),
        "postgresql": connection.cursor().connection.info.server_version,
    }
    facts_file.write_text(json.dumps(facts))
    return 0


def render(args, facts, load, ceiling, cache, started, load_at_start, page_bytes):
    redis_url, cached_keys = cache
    ceiling_rps = statistics.mean(result["rps"] for result in ceiling)
    corpus = facts["corpus"]
    version = facts["versions"]["postgresql"]
    lines = [
        "# Site benchmark",
        "",
        f"- Date: {started:%Y-%m-%d %H:%M} UTC",
        f"- Machine: {platform.node()}, {cpu_model()}, {os.cpu_count()} cores, "
        f"{platform.system()} {platform.release()}; load average at start "
        + " / ".join(f"{value:.2f}" for value in load_at_start),
        f"- Code: {git_commit()}",
        f"- Corpus: {corpus['articles']:,} published articles, {corpus['entities']:,} entities, "
        f"{corpus['mentions']:,} public mentions (database `{args.database}` on "
        f"{PG['host']}:{PG['port']}, vacuumed and analysed first); "
        f"busiest entity {corpus['busiest']['name']} "
        f"({corpus['busiest']['articles']} articles)",
        f"- Server: gunicorn {importlib.metadata.version('gunicorn')}, "
        f"{args.workers} {args.worker_class} workers, "
        f"Django {facts['versions']['django']}, PostgreSQL {version // 10000}.{version % 10000}, "
        "production settings (DEBUG off, no HTTPS redirect)",
        f"- Load: wrk, {min(WRK_THREADS, args.connections)} thread, {args.connections} "
        f"connections, {args.seconds:g} s per page after a warm-up (each path once, then "
        f"{WARM_UP_SECONDS} s of load); "
        f"article pages rotate over {len(facts['pages']['article']['paths'])} articles",
        f"- Cache: Redis `{redis_url}`, flushed before the load; every page was measured "
        f"after its warm-up, with {cached_keys} keys in Redis at the end"
        + ("" if cached_keys else " (the site stored nothing there)"),
        f"- Ceiling: a bare `startproject` Django project without a database returning one "
        f"article page's HTML ({page_bytes:,} bytes) from the same gunicorn settings: "
        f"{ceiling[0]['rps']:.1f} req/s before the pages and {ceiling[1]['rps']:.1f} after; "
        f"the mean, {ceiling_rps:.1f}, is 100 %",
        "",
        "| page | path | requests | req/s | % of ceiling | p50 ms | p99 ms "
        "| queries uncached / cached | alone ms | target | result |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for name, result in [("ceiling", ceiling[0]), ("ceiling again", ceiling[1])]:
        lines.append(load_row(name, "`/`", result, ceiling_rps))
    for name, result in load:
        page = facts["pages"][name]
        paths = page["paths"]
        path = f"`{paths[0]}`" if len(paths) == 1 else f"{len(paths)} pages like `{paths[0]}`"
        targets = [f"p99 < {P99_TARGET_MS} ms"]
        if name in TARGETS:
            targets.insert(0, f"≥ {TARGETS[name]:.0%} of ceiling")
        lines.append(
            load_row(
                name,
                path,
                result,
                ceiling_rps,
                page,
                ", ".join(targets),
                verdict(name, result, ceiling_rps, args.seconds),
            )
        )
    lines += [
        "",
        "*alone*: one uncached request on its own, in process (Django's test client). "
        f"*{RENDERED}*: *cached* counts the queries of a page rendered again, with the "
        "parts around its text kept in the cache.",
        "",
        f"Long lists, in process (Django's test client, cache cleared before each request; "
        f"median of {TIMED_RUNS}):",
        "",
        "| page | path | median ms | queries |",
        "| --- | --- | ---: | ---: |",
    ]
    lines += [
        f"| {row['page']} | `{row['path']}` | {row['ms']:.1f} | {row['queries']} |"
        for row in facts["scale"]
    ]
    return "\n".join(lines) + "\n"


def load_row(name, path, result, ceiling_rps, page=None, targets="", outcome=""):
    """A row of the load table; ``page`` is what was found in process, none for the ceiling."""
    share = result["rps"] / ceiling_rps if ceiling_rps else 0
    p50, p99 = (f"{result[key]:.1f}" if result["requests"] else "n/a" for key in ("p50", "p99"))
    queries, alone = (
        (f"{page['uncached']} / {page['cached']}", f"{page['ms']:.0f}") if page else ("0 / 0", "")
    )
    return (
        f"| {name} | {path} | {result['requests']} | {result['rps']:.1f} | {100 * share:.1f} % "
        f"| {p50} | {p99} | {queries} | {alone} | {targets} | {outcome} |"
    )


def verdict(name, result, ceiling_rps, seconds):
    if result["non_2xx"] or result["socket_errors"]:
        return f"ERROR ({result['non_2xx']} non-2xx, {result['socket_errors']} socket errors)"
    if not result["requests"]:
        return f"FAIL (no response within {seconds:g} s)"
    missed = []
    if name in TARGETS and result["rps"] < TARGETS[name] * ceiling_rps:
        missed.append("req/s")
    if result["p99"] >= P99_TARGET_MS:
        missed.append("p99")
    return f"FAIL ({', '.join(missed)})" if missed else "PASS"


def cpu_model():
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
    except OSError:
        return platform.processor() or "unknown CPU"
    found = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.MULTILINE)
    return found[1].strip() if found else platform.processor() or "unknown CPU"


def git_commit():
    def git(*arguments):
        return subprocess.run(
            ["git", *arguments], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    branch = git("rev-parse", "--abbrev-ref", "HEAD")
    dirty = (
        " with uncommitted changes" if git("status", "--porcelain", "--untracked-files=no") else ""
    )
    return f"{commit} ({branch}){dirty}"


if __name__ == "__main__":
    sys.exit(main())
