"""Soak and fault test: the production site under load, with PostgreSQL restarted mid-run.

    .venv/bin/python bench/soak.py [--seconds 60] [--readers 4] [--editors 2] [--no-fault]
        [--database newsroom_soak] [--redis-db 13]

Creates a scratch database (``--database``), migrates and seeds it, starts gunicorn with
production settings (DEBUG off, no HTTPS redirect) and the page cache in Redis (database
``--redis-db`` of 127.0.0.1:6379, emptied first) on a free loopback port, then sends a
mix of signed-out page reads and editor saves through the admin change form for a
bounded time. Halfway through it restarts PostgreSQL. It reports throughput, latency and
errors before, during and after the fault; the readers' errors on pages they had read
(and so the page cache held) before the restart, which must be none; the editors' saves
refused with the "database unavailable" page; any 500; whether the site recovered by
itself; and whether every acknowledged save is in the database.
Only loopback traffic; not part of ``make test``.
"""

import argparse
import http.client
import os
import random
import secrets
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import redis

from bench.common import ROOT, gunicorn, log, manage, production_environment, psql

DATABASE = "newsroom_soak"
REDIS_DB = 13
# The site is back by itself when nothing fails in this last stretch of the run.
SETTLED_SECONDS = 10
PASSWORD = "soak-editor-password-1"

SEED = """
from django.contrib.auth.models import Group, User
from django.utils import timezone
from articles import services
from articles.models import Article, Mention
from institutions.models import Alias, Institution, Official

editor = User.objects.create_user("soak", password=%(password)r, is_staff=True)
editor.groups.add(Group.objects.get(name="Editor"))
entities = []
for number in range(10):
    institution = Institution.objects.create(name=f"Institution {number}", summary="Soak.")
    Alias.objects.create(entity=institution, name=f"Inst {number}")
    entities.append(institution)
    entities.append(Official.objects.create(name=f"Official {number}"))
for number in range(30):
    article = Article(
        title=f"Soak article {number}",
        body="Paragraph of text. " * 200,
        status="published",
        published_at=timezone.now() - timezone.timedelta(hours=number + 1),
    )
    services.article_save(article=article, by=editor)
    for entity in entities[number %% 5 :: 5]:
        Mention.objects.create(article=article, entity=entity, state="auto", count=1)
"""


class FormFields(HTMLParser):
    """The values a browser would submit from the page's forms."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fields, self._textarea, self._select = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            if kind not in {"submit", "file", "button"}:
                self.fields[name] = attrs.get("value") or ""
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields[name] = ""
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields[self._select] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data


class Site:
    def __init__(self, port):
        self.port = port

    def request(self, method, path, body=None, cookies=None):
        headers = {"Host": "127.0.0.1"}
        if cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        if body is not None:
            body = urllib.parse.urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read().decode("utf-8", "replace")
            for header, value in response.getheaders():
                if header.lower() == "set-cookie" and cookies is not None:
                    name, _, rest = value.partition("=")
                    cookies[name] = rest.split(";")[0]
            return response.status, content, response.getheader("Location", "")
        finally:
            connection.close()


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.events = []  # (time, kind, ok, latency, status or None, path)

    def add(self, kind, ok, latency, status=None, path=""):
        with self.lock:
            self.events.append((time.monotonic(), kind, ok, latency, status, path))


def timed(recorder, kind, call, *args):
    started = time.monotonic()
    try:
        result = call(*args)
        ok = result[0] < 500
    except (OSError, http.client.HTTPException):
        result, ok = None, False
    status = result[0] if result else None
    recorder.add(kind, ok, time.monotonic() - started, status, args[1])
    return result if ok else None


def reader(site, paths, recorder, stop):
    while not stop.is_set():
        timed(recorder, "read", site.request, "GET", random.choice(paths))


def login(site):
    cookies = {}
    status, page, _ = site.request("GET", "/admin/login/", cookies=cookies)
    token = FormFields()
    token.feed(page)
    status, _, _ = site.request(
        "POST",
        "/admin/login/?next=/admin/",
        {**token.fields, "username": "soak", "password": PASSWORD},
        cookies,
    )
    if status != 302:
        raise RuntimeError(f"editor login failed with {status}")
    return cookies


def editor(site, number, article_ids, recorder, stop, acked, refused):
    cookies = None
    while not stop.is_set():
        try:
            cookies = cookies or login(site)
        except (OSError, RuntimeError, http.client.HTTPException):
            recorder.add("save", False, 0.0)
            time.sleep(0.2)
            continue
        article_id = random.choice(article_ids)
        url = f"/admin/articles/article/{article_id}/change/"
        result = timed(recorder, "edit form", site.request, "GET", url, None, cookies)
        if not result or result[0] != 200:
            continue
        form = FormFields()
        form.feed(result[1])
        marker = f"saved-by-{number}-{secrets.token_hex(4)}"
        data = {**form.fields, "body": form.fields.get("body", "") + f"\n{marker}", "_save": "1"}
        result = timed(recorder, "save", site.request, "POST", url, data, cookies)
        if not result:
            continue
        status, content, _ = result
        if status == 302:
            acked.append((article_id, marker))
        elif status == 200 and "was changed by" in content:
            refused.append(article_id)
        else:
            recorder.add("save", False, 0.0)


def restart_postgres(fault):
    cluster = sorted(os.listdir("/etc/postgresql"))[-1]
    fault["start"] = time.monotonic()
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", cluster, "main", "restart"],
        check=True,
        capture_output=True,
    )
    fault["end"] = time.monotonic()


def percentile(values, fraction):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def summarise(events, label, start, end):
    chosen = [e for e in events if start <= e[0] < end]
    latencies = [e[3] * 1000 for e in chosen if e[2]]
    errors = sum(1 for e in chosen if not e[2])
    seconds = max(end - start, 1e-9)
    return (
        f"{label:<22}{seconds:>7.1f}{len(chosen):>9}{len(latencies) / seconds:>9.1f}"
        f"{statistics.median(latencies) if latencies else float('nan'):>9.1f}"
        f"{percentile(latencies, 0.99):>9.1f}{errors:>8}"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--readers", type=int, default=4)
    parser.add_argument("--editors", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-fault", action="store_true", help="do not restart PostgreSQL")
    parser.add_argument("--database", default=DATABASE, help="scratch PostgreSQL database")
    parser.add_argument("--redis-db", type=int, default=REDIS_DB, help="Redis database number")
    args = parser.parse_args()
    database = args.database

    redis_url = f"redis://127.0.0.1:6379/{args.redis_db}"
    redis.Redis.from_url(redis_url).flushdb()
    env = production_environment(database, REDIS_URL=redis_url)
    log(f"Preparing the scratch database {database}; page cache in {redis_url}")
    psql(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
    psql(f"CREATE DATABASE {database}")
    manage(env, "migrate", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(env, "shell", "-v0", "-c", SEED % {"password": PASSWORD})
    ids_and_slugs = manage(
        env,
        "shell",
        "-v0",
        "-c",
        "from articles.models import Article\nfrom institutions.models import Entity\n"
        "for a in Article.objects.all(): print('A', a.pk, a.slug, a.version)\n"
        "for e in Entity.objects.all(): print('E', e.get_absolute_url())",
        capture=True,
    ).split("\n")
    articles = {
        int(line.split()[1]): (line.split()[2], int(line.split()[3]))
        for line in ids_and_slugs
        if line.startswith("A ")
    }
    entity_paths = [line.split()[1] for line in ids_and_slugs if line.startswith("E ")]
    paths = (
        ["/", "/articles/", "/articles/?page=2"]
        + [f"/articles/{s}/" for s, _ in articles.values()]
        + entity_paths
    )
    edited = sorted(articles)[:4]

    results = ROOT / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    log(f"Starting gunicorn ({args.workers} workers)")
    # Tracebacks of the requests that fail while the database is down go to the log.
    with (
        (results / "soak-server.log").open("w") as server_log,
        gunicorn(
            "newsroom.wsgi",
            env=env,
            log_file=server_log,
            workers=args.workers,
            ready_path="/articles/",
        ) as port,
    ):
        site = Site(port)
        recorder, stop, acked, refused, fault = Recorder(), threading.Event(), [], [], {}
        threads = [
            threading.Thread(target=reader, args=(site, paths, recorder, stop))
            for _ in range(args.readers)
        ]
        threads += [
            threading.Thread(target=editor, args=(site, n, edited, recorder, stop, acked, refused))
            for n in range(args.editors)
        ]
        log(f"Sending load for {args.seconds:.0f} s")
        started = time.monotonic()
        for thread in threads:
            thread.start()
        if not args.no_fault:
            time.sleep(args.seconds / 2)
            log("Restarting PostgreSQL")
            restart_postgres(fault)
            log(f"PostgreSQL back after {fault['end'] - fault['start']:.1f} s")
        time.sleep(max(0, started + args.seconds - time.monotonic()))
        stop.set()
        for thread in threads:
            thread.join()
        ended = time.monotonic()

    final = manage(
        env,
        "shell",
        "-v0",
        "-c",
        "from articles.models import Article\n"
        f"for a in Article.objects.filter(pk__in={edited!r}): "
        "print(a.pk, a.version, a.revisions.count()); print('BODY', a.pk, repr(a.body))",
        capture=True,
    ).splitlines()
    versions = {
        int(line.split()[0]): (int(line.split()[1]), int(line.split()[2]))
        for line in final
        if not line.startswith("BODY")
    }
    bodies = "\n".join(line for line in final if line.startswith("BODY"))
    lost = [m for _, m in acked if m not in bodies]
    version_mismatch = [
        pk
        for pk in edited
        if versions[pk][0] != articles[pk][1] + sum(1 for a, _ in acked if a == pk)
    ]

    events = recorder.events
    header = (
        f"{'phase':<22}{'seconds':>7}{'requests':>9}{'ok/s':>9}"
        f"{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}"
    )
    lines = [
        f"Soak: gunicorn {args.workers} workers, PostgreSQL, Redis page cache, DEBUG off; "
        f"{args.readers} readers, "
        f"{args.editors} editors, {args.seconds:.0f} s",
        header,
        summarise(events, "whole run", started, ended),
    ]
    server_errors = sum(1 for e in events if e[4] == 500)
    failures = server_errors
    if fault:
        recovered = min((e[0] for e in events if e[0] > fault["end"] and e[2]), default=ended)
        # Pages a reader got before the restart were stored by the page cache.
        cached = {e[5] for e in events if e[1] == "read" and e[4] == 200 and e[0] < fault["start"]}
        cached_errors = [
            e for e in events if e[1] == "read" and e[5] in cached and e[0] >= fault["start"]
        ]
        cached_errors = sum(1 for e in cached_errors if not e[2])
        unavailable = sum(1 for e in events if e[1] != "read" and e[4] == 503)
        saved_after = any(e[1] == "save" and e[2] and e[0] > fault["end"] for e in events)
        settled = not any(not e[2] for e in events if e[0] >= ended - SETTLED_SECONDS)
        after_errors = sum(1 for e in events if e[0] >= recovered and not e[2])
        failures += cached_errors + after_errors + (not (saved_after and settled))
        lines += [
            summarise(events, "before the restart", started, fault["start"]),
            summarise(events, "PostgreSQL restarting", fault["start"], fault["end"]),
            summarise(events, "until first success", fault["end"], recovered),
            summarise(events, "after recovery", recovered, ended),
            f"PostgreSQL restart took {fault['end'] - fault['start']:.1f} s; first successful "
            f"request {recovered - fault['end']:.2f} s after it was back.",
            f"Reader errors on the {len(cached)} pages read (so cached) before the restart, "
            f"during and after it: {cached_errors}",
            f"Editor requests answered with the 'database unavailable' page (503): {unavailable}",
            f"Recovered without intervention: {'yes' if saved_after and settled else 'NO'} "
            f"(saves after the restart: {'yes' if saved_after else 'none'}; errors in the "
            f"last {SETTLED_SECONDS} s: {'none' if settled else 'some'})",
        ]
    lines.append(f"500 responses: {server_errors}")
    for kind in ("read", "edit form", "save"):
        chosen = [e for e in events if e[1] == kind]
        ok = [e[3] * 1000 for e in chosen if e[2]]
        lines.append(
            f"{kind:<10} {len(chosen):>6} requests, "
            f"p50 {statistics.median(ok) if ok else 0:.1f} ms, "
            f"p99 {percentile(ok, 0.99):.1f} ms, {len(chosen) - len(ok)} errors"
        )
    lines += [
        f"Saves acknowledged: {len(acked)}; "
        f"refused as conflicting edits (by design): {len(refused)}",
        f"Acknowledged saves missing from the database: {len(lost)}; "
        "articles whose version does not match the acknowledged saves: "
        f"{len(version_mismatch)}",
    ]
    report = "\n".join(lines)
    log("\n" + report)
    (results / "soak.txt").write_text(report + "\n")
    psql(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
    return 1 if lost or version_mismatch or failures else 0


if __name__ == "__main__":
    sys.exit(main())
