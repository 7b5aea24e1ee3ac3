"""A live newsroom under load: readers, editors and purges at once, with the app's page
cache alone and behind Varnish, measured against a bare Django project in the same run.

    .venv/bin/python bench/bench_live.py [--seconds 60] [--modes app,varnish]

Readers (wrk) ask for articles, entity pages, lists and feeds with Zipf-like popularity;
an editor saves a published article (one readers often ask for) every few seconds and a
draft every second, through the same service the admin uses. A probe reads each edited
article until it shows the edit (staleness: from the commit to the first reader response
showing it) and then keeps reading it (any older copy after that is a stale response
after the purge). Reports the hit ratio, requests per second as a share of the ceiling,
p50/p99 latency and staleness, split at the purge behind Varnish (``live-edits.tsv``, beside
the report, has each edit). Each service runs in a CPU group weighted as its systemd unit,
as on a production host (root only; ``--no-cpu-groups`` shares the cores thread by thread).
Needs PostgreSQL, Redis and wrk; ``varnish`` mode needs varnishd with the xkey module
(``make edge`` installs them).
"""

import argparse
import collections
import concurrent.futures
import contextlib
import datetime
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_site import flush_redis, make_ceiling, parse_wrk, prepare_database
from bench.common import (
    PYTHON,
    ROOT,
    CPUGroups,
    get,
    gunicorn,
    log,
    production_environment,
    psql,
    unit_cpu_weight,
    varnish_command,
)

REDIS_DB = 13  # this benchmark's own Redis database, flushed at the start of each mode
PATH_SAMPLE = 40_000  # reader requests drawn ahead, replayed in turn by wrk
ZIPF_S = 1.1
MIX = {"article": 0.70, "entity": 0.15, "list": 0.10, "feed": 0.05}
PUBLISHED_EDIT_SECONDS = 3
DRAFT_EDIT_SECONDS = 1
PROBE_INTERVAL = 0.01
PROBE_AFTER = 20  # reads after the first fresh one, each of which must be fresh too
MARKER = re.compile(rb"\(Live edit (\d+)\)")
WARM_UP_SECONDS = 10
# Before the load, each address readers will ask for is asked for once, most popular
# first, for at most this long: a live site's cache has seen its readers' pages before.
PREFILL_SECONDS = 600
TARGETS = {"hit ratio": 0.95, "staleness p99 s": 1.0, "staleness max s": 2.0, "p99 ms": 50}

WRK_SCRIPT = """
local paths = {%(paths)s}
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) i = math.random(#paths); hits = 0; stale = 0; seen = 0; bad = 0 end
function request()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
function response(status, headers, body)
  seen = seen + 1
  if headers["X-Cache"] == "HIT" then hits = hits + 1 end
  if headers["X-Cache"] == "STALE" then hits = hits + 1; stale = stale + 1 end
  if status < 200 or status > 299 then bad = bad + 1 end
end
function done(summary, latency, requests)
  local h, st, s, b = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    h = h + t:get("hits"); st = st + t:get("stale"); s = s + t:get("seen")
    b = b + t:get("bad")
  end
  io.write(string.format("CACHE %%d %%d %%d\\nnon-2xx: %%d\\n", h, st, s, b))
end
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default="newsroom_live")
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--entities", type=int, default=2000)
    parser.add_argument("--reset", action="store_true", help="generate the database again")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--modes", default="app,varnish")
    parser.add_argument(
        "--cpu-groups",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="run each service in a CPU group weighted as its systemd unit (needs root)",
    )
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results" / "live.md")
    parser.add_argument("--editor", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.editor:
        return editor(args)
    modes = args.modes.split(",")
    if unknown := set(modes) - {"app", "varnish"}:
        parser.error(f"unknown mode(s) {', '.join(sorted(unknown))}: use app and/or varnish")
    if "varnish" in modes and not shutil.which("varnishd"):
        parser.error("varnishd is not installed: apt-get install varnish varnish-modules")
    return run(args, modes)


def zipf_sample(items, count, rng):
    weights = [1 / rank**ZIPF_S for rank in range(1, len(items) + 1)]
    return rng.choices(items, weights=weights, k=count)


def reader_paths(database, rng):
    """The readers' requests: each kind of page in its share, Zipf-popular within it."""

    def column(sql):
        return [line for line in psql(sql, database).splitlines() if line]

    articles = column(
        "SELECT slug FROM articles_article WHERE status = 'published' AND language = 'en' "
        "ORDER BY published_at DESC"
    )
    entities = column(
        "SELECT kind || 's/' || slug FROM institutions_entity e ORDER BY "
        "(SELECT count(*) FROM articles_mention m WHERE m.entity_id = e.id) DESC"
    )
    pages = {
        "article": [f"/articles/{slug}/" for slug in articles],
        "entity": [f"/{entity}/" for entity in entities],
        "list": ["/", "/articles/", "/institutions/", "/officials/"]
        + [f"/articles/?page={page}" for page in range(2, 30)],
        "feed": ["/feeds/articles/rss/", "/feeds/articles/atom/"]
        + [f"/{entity}/feed/" for entity in entities[:200]],
    }
    paths = []
    for kind, share in MIX.items():
        paths += zipf_sample(pages[kind], int(PATH_SAMPLE * share), rng)
    rng.shuffle(paths)
    return paths, articles


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def process(command, *, env, log_file, cwd=ROOT):
    server = subprocess.Popen(command, cwd=cwd, env=env, stdout=log_file, stderr=log_file)
    try:
        yield server
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def wait_until_up(port, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            if get(port, "/robots.txt", timeout=5)[0] == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"nothing answered on port {port} in {seconds} s")


@contextlib.contextmanager
def varnish(backend_port, log_file, groups):
    """Varnish in front of the app: yields its port and a function returning how many
    requests it has sent the app so far."""
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="bench-varnish-") as work:
        command = varnish_command(work, backend_port, port, storage="malloc,512m")
        command += ["-p", "http_gzip_support=off"]

        def fetches():
            output = subprocess.run(
                ["varnishstat", "-n", f"{work}/varnish", "-1", "-j", "-f", "MAIN.backend_req"],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            return json.loads(output)["counters"]["MAIN.backend_req"]["value"]

        with process(groups.command("varnish", command), env=os.environ, log_file=log_file):
            wait_until_up(port)
            yield port, fetches


def prefill(port, paths, connections):
    """Ask for each address once, most popular first, within ``PREFILL_SECONDS``; return
    how many were asked for, of how many, in how long."""
    started = time.monotonic()
    deadline = started + PREFILL_SECONDS
    ordered = [path for path, _ in collections.Counter(paths).most_common()]

    def ask(path):
        if time.monotonic() < deadline:
            get(port, path, timeout=60)
            return True
        return False

    with concurrent.futures.ThreadPoolExecutor(connections) as pool:
        asked = sum(pool.map(ask, ordered))
    return asked, len(ordered), time.monotonic() - started


def run_wrk(port, paths, seconds, connections, groups):
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(WRK_SCRIPT % {"paths": ", ".join(f'"{path}"' for path in paths)})
        script.flush()
        command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds:g}s", "--latency"]
        command += ["--timeout", "10s", "-s", script.name, f"http://127.0.0.1:{port}"]
        command = groups.command("readers", command)
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    result = parse_wrk(output)
    hits, stale, seen = (int(n) for n in re.search(r"CACHE (\d+) (\d+) (\d+)", output).groups())
    result["hit_ratio"] = hits / seen if seen else 0.0
    result["stale_ratio"] = stale / seen if seen else 0.0
    return result


class Probe:
    """Reads each edited article, as a reader, until it shows the edit; then keeps
    reading it and counts any response without it."""

    def __init__(self, port):
        self.port, self.stale_after, self.missed = port, 0, 0
        # Each edit seen: its number, and the seconds from its commit to a reader seeing it.
        self.seen, self.threads = {}, []

    def edited(self, event):
        thread = threading.Thread(target=self.watch, args=(event,), daemon=True)
        thread.start()
        self.threads.append(thread)

    def shows(self, event):
        """Whether the page shows this edit, or a later one of the same article."""
        status, body = get(self.port, event["path"])
        found = MARKER.search(body)
        return status == 200 and found is not None and int(found[1]) >= event["number"]

    def watch(self, event):
        deadline = event["committed"] + 10
        while not self.shows(event):
            if time.time() > deadline:
                self.missed += 1
                return
            time.sleep(PROBE_INTERVAL)
        self.seen[event["number"]] = time.time() - event["committed"]
        for _ in range(PROBE_AFTER):
            time.sleep(PROBE_INTERVAL)
            if not self.shows(event):
                self.stale_after += 1

    def join(self):
        for thread in self.threads:
            thread.join()


def run_mode(mode, args, env, paths, server_log, groups):
    flush_redis(env["REDIS_URL"])
    app_port = free_port()
    mode_env = dict(env)
    if mode == "varnish":
        mode_env["NEWSROOM_EDGE_KEY_HEADERS"] = "xkey"
    gunicorn_command = [str(Path(PYTHON).with_name("gunicorn")), "newsroom.wsgi"]
    gunicorn_command += ["-b", f"127.0.0.1:{app_port}", "-w", str(args.workers)]
    worker = [PYTHON, "manage.py", "db_worker", "--interval", "0.05", "--no-startup-delay"]
    with contextlib.ExitStack() as stack:
        gunicorn_command = groups.command("app", gunicorn_command)
        stack.enter_context(process(gunicorn_command, env=mode_env, log_file=server_log))
        wait_until_up(app_port)
        port, fetches = app_port, None
        if mode == "varnish":
            port, fetches = stack.enter_context(varnish(app_port, server_log, groups))
            mode_env["NEWSROOM_EDGE_PURGE_URL"] = f"http://127.0.0.1:{port}/"
        worker = groups.command("worker", [*worker, "--no-reload"])
        stack.enter_context(process(worker, env=mode_env, log_file=server_log))
        log(f"[{mode}] asking for each address once (at most {PREFILL_SECONDS} s)")
        prefilled = prefill(port, paths, args.connections)
        log(f"[{mode}] asked for %d of %d addresses in %.0f s" % prefilled)
        log(f"[{mode}] warming up for {WARM_UP_SECONDS} s")
        run_wrk(port, paths, WARM_UP_SECONDS, args.connections, groups)
        # A quiet moment: the 500 most read articles, cached first, and nobody editing.
        article_paths = [
            path
            for path, _ in collections.Counter(paths).most_common()
            if re.fullmatch(r"/articles/[^/?]+/", path)
        ]
        log(f"[{mode}] cached article pages, no edits, {WARM_UP_SECONDS} s")
        quiet = run_wrk(port, article_paths[:500], WARM_UP_SECONDS, args.connections, groups)
        probe = Probe(port)
        editor_command = [PYTHON, __file__, "--editor", "--seconds", str(args.seconds)]
        # The desk: in production its saves are the app's requests.
        editing = subprocess.Popen(
            groups.command("app", editor_command),
            cwd=ROOT,
            env=mode_env,
            stdout=subprocess.PIPE,
            text=True,
        )
        events = []

        def follow():
            for line in editing.stdout:
                event = json.loads(line)
                events.append(event)
                if event["kind"] == "published":
                    probe.edited(event)

        follower = threading.Thread(target=follow, daemon=True)
        follower.start()
        log(f"[{mode}] readers and editors for {args.seconds:g} s")
        fetched = fetches() if fetches else None
        result = run_wrk(port, paths, args.seconds, args.connections, groups)
        editing.wait()
        follower.join()
        probe.join()
        result["fetches"] = fetches() - fetched if fetches else None
    published = [e for e in events if e["kind"] == "published"]
    result.update(
        edits=published,
        to_purge=purge_delays(args.database, published) if mode == "varnish" else {},
        prefilled=prefilled,
        quiet_rps=quiet["rps"],
        quiet_p99=quiet["p99"],
        published_edits=len(published),
        draft_edits=sum(e["kind"] == "draft" for e in events),
        seen=probe.seen,
        stale_after=probe.stale_after,
        missed=probe.missed,
    )
    return result


def purge_delays(database, edits):
    """For each published edit, the seconds from its commit to Varnish answering its purge
    (the task's end, from the task worker's results): the first purge naming the edited
    article's key once the edit committed."""
    rows = psql(
        "SELECT extract(epoch FROM finished_at), args_kwargs -> 'args' -> 0 "
        "FROM django_tasks_database_dbtaskresult "
        "WHERE task_path = 'newsroom.purging.purge_edge_pages' AND status = 'SUCCESSFUL' "
        f"AND finished_at >= to_timestamp({min((e['committed'] for e in edits), default=0)})",
        database,
    )
    purges = [line.split("|", 1) for line in rows.splitlines()]
    purges = [(float(at), set(json.loads(keys))) for at, keys in purges]
    delays = {}
    for edit in edits:
        ends = [at for at, keys in purges if at >= edit["committed"] and edit["key"] in keys]
        if ends:
            delays[edit["number"]] = min(ends) - edit["committed"]
    return delays


def ceiling_rps(args, html, server_log, groups):
    with tempfile.TemporaryDirectory(prefix="bench-ceiling-") as directory:
        ceiling_env = make_ceiling(Path(directory), html)
        with gunicorn(
            "ceiling.wsgi",
            env=ceiling_env,
            log_file=server_log,
            workers=args.workers,
            cwd=Path(directory),
            group=lambda command: groups.command("app", command),
        ) as port:
            return run_wrk(port, ["/"], 10, args.connections, groups)["rps"]


def run(args, modes):
    started = datetime.datetime.now(datetime.UTC)
    redis_url = f"redis://127.0.0.1:6379/{REDIS_DB}"
    env = production_environment(
        args.database, REDIS_URL=redis_url, NEWSROOM_TASKS_BACKEND="database"
    )
    prepare_database(args, env)
    paths, articles = reader_paths(args.database, random.Random(1))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    results = {}
    # Each service as its unit runs it; Varnish's (Debian's) and the readers' set no weight.
    weights = {
        "app": unit_cpu_weight("newsroom.service"),
        "worker": unit_cpu_weight("newsroom-worker.service"),
        "varnish": 100,
        "readers": 100,
    }
    with (
        CPUGroups(weights if args.cpu_groups else {}) as groups,
        args.output.with_name("live-server.log").open("w") as server_log,
    ):
        with gunicorn("newsroom.wsgi", env=env, log_file=server_log) as port:
            html = get(port, f"/articles/{articles[0]}/")[1]
        ceiling = [ceiling_rps(args, html, server_log, groups)]
        for mode in modes:
            results[mode] = run_mode(mode, args, env, paths, server_log, groups)
        ceiling.append(ceiling_rps(args, html, server_log, groups))
    report = render(args, results, statistics.mean(ceiling), started, groups)
    log("\n" + report)
    args.output.write_text(report)
    args.output.with_name("live-edits.tsv").write_text(edits_table(results))
    failed = [m for m, r in results.items() if r["non_2xx"] or r["socket_errors"] or r["missed"]]
    return 1 if failed else 0


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def render(args, results, ceiling, started, groups):
    lines = [
        "# Live newsroom",
        "",
        f"- Run: {started:%Y-%m-%d %H:%M} UTC, `bench/bench_live.py --seconds {args.seconds:g}"
        f" --connections {args.connections} --workers {args.workers}`, database "
        f"`{args.database}` ({args.articles} articles, {args.entities} entities)",
        f"- Readers: wrk, {args.connections} connections, {PATH_SAMPLE:,} requests drawn "
        f"Zipf (s={ZIPF_S}) within {', '.join(f'{k} {v:.0%}' for k, v in MIX.items())}",
        f"- Before each mode: each address asked for once (most popular first, at most "
        f"{PREFILL_SECONDS} s), then {WARM_UP_SECONDS} s of load",
        f"- Editors: a published article every {PUBLISHED_EDIT_SECONDS} s, a draft every "
        f"{DRAFT_EDIT_SECONDS} s; task worker polling every 0.05 s",
        f"- Ceiling (bare Django, one article page's HTML, same gunicorn): {ceiling:,.0f} req/s",
        f"- CPU: {groups.description}",
        "",
        "| mode | addresses asked for before | hit ratio (of which in grace) | req/s "
        "| share of ceiling | p50 ms | p99 ms | edits (published/draft) "
        "| staleness p99 s | staleness max s | stale after purge | errors "
        "| cached articles, no edits: req/s (share of ceiling), p99 ms "
        "| requests to the app per published edit |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for mode, r in results.items():
        staleness = list(r["seen"].values())
        per_edit = (
            "" if r["fetches"] is None else f"{r['fetches'] / max(1, r['published_edits']):.0f}"
        )
        lines.append(
            f"| {mode} | {r['prefilled'][0]:,} of {r['prefilled'][1]:,} in "
            f"{r['prefilled'][2]:.0f} s | {r['hit_ratio']:.1%} ({r['stale_ratio']:.1%}) "
            f"| {r['rps']:,.0f} | {r['rps'] / ceiling:.2f} "
            f"| {r['p50']:.1f} | {r['p99']:.1f} | {r['published_edits']}/{r['draft_edits']} "
            f"| {percentile(staleness, 0.99):.3f} | {max(staleness, default=0):.3f} "
            f"| {r['stale_after']} | {r['non_2xx']} non-2xx, {r['socket_errors']} socket, "
            f"{r['missed']} edits never seen "
            f"| {r['quiet_rps']:,.0f} ({r['quiet_rps'] / ceiling:.2f}), {r['quiet_p99']:.1f} "
            f"| {per_edit} |"
        )
    lines += [
        "",
        "Targets: " + ", ".join(f"{k} {v}" for k, v in TARGETS.items()),
        "",
        "Requests to the app per published edit: behind Varnish, the requests it sent the app"
        " while readers and editors ran (Varnish's `MAIN.backend_req`), over the published"
        " edits; a draft retires nothing public.",
        "",
        "## Staleness, step by step",
        "",
        "Each published edit seen: from its commit to its purge (Varnish answering the task"
        " worker; with the app's cache alone, its pages are retired as the edit commits), then"
        " to the first reader response showing it. Each edit is in `live-edits.tsv`.",
        "",
        "| mode | edits seen | commit to purge p50 s | max s "
        "| purge to a reader seeing it p50 s | max s |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for mode, r in results.items():
        steps = [(r["to_purge"].get(number), seen) for number, seen in r["seen"].items()]
        to_purge = [purge for purge, _ in steps if purge is not None]
        after = [seen - (purge or 0) for purge, seen in steps]
        purge_cells = (
            f"{statistics.median(to_purge):.3f} | {max(to_purge):.3f}"
            if to_purge
            else "at the commit | at the commit"
        )
        lines.append(
            f"| {mode} | {len(steps)} | {purge_cells} "
            f"| {statistics.median(after or [0]):.3f} | {max(after, default=0):.3f} |"
        )
    return "\n".join([*lines, ""])


def edits_table(results):
    """Each published edit, a line: mode, path, commit, seconds to the purge, to a reader."""
    lines = ["mode\tpath\tcommitted\tto purge s\tseen s"]
    for mode, r in results.items():
        for edit in r["edits"]:
            purge, seen = r["to_purge"].get(edit["number"]), r["seen"].get(edit["number"])
            cells = [mode, edit["path"], f"{edit['committed']:.3f}"]
            cells += ["" if value is None else f"{value:.3f}" for value in (purge, seen)]
            lines.append("\t".join(cells))
    return "\n".join(lines) + "\n"


def editor(args):
    """The desk, in a process of its own: saves through ``article_save`` and prints each
    commit's time as a JSON line."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()
    from django.db import transaction

    from articles.models import Article
    from articles.services import article_save
    from newsroom.cache_keys import object_key

    popular = list(Article.objects.published().filter(language="en")[:30])
    # One draft, kept between runs: the corpus stays the size it was made.
    draft = Article.objects.filter(title__startswith="Live bench draft").first()
    draft = draft or article_save(
        article=Article(title="Live bench draft", body="Draft.", status=Article.Status.DRAFT),
        by=None,
    )
    rng = random.Random(2)
    end = time.monotonic() + args.seconds
    # Edits are numbered from the time this run starts, in milliseconds: above any number
    # an earlier run left in a title, which would otherwise read as this run's edit seen.
    first = int(time.time() * 1000)
    edits = 0
    while time.monotonic() < end:
        edits += 1
        number = first + edits
        published = edits % PUBLISHED_EDIT_SECONDS == 0
        article = Article.objects.get(pk=rng.choice(popular).pk if published else draft.pk)
        marker = f"(Live edit {number})"
        article.title = re.sub(r" \(Live edit \d+\)$", "", article.title) + f" {marker}"
        committed = {}
        with transaction.atomic():
            # Registered first: runs as the transaction commits, before the purge is queued.
            transaction.on_commit(lambda moment=committed: moment.setdefault("at", time.time()))
            article_save(article=article, by=None)
        event = {"kind": "published" if published else "draft", "number": number}
        event["key"] = object_key(article)
        event.update(path=article.get_absolute_url(), committed=committed["at"])
        print(json.dumps(event), flush=True)
        time.sleep(max(0.0, DRAFT_EDIT_SECONDS - (time.time() - committed["at"])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
