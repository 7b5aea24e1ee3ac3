"""The API's article endpoint under load, against a bare Django project in the same run.

    .venv/bin/python bench/bench_api.py [--seconds 10] [--connections 4] [--database NAME]

The harness of ``bench_site.py`` (same corpus database, production settings, gunicorn,
Redis page cache, wrk with a warm-up): ``/api/v1/articles/<slug>`` rotating over 500
articles, as readers' apps would ask for them during a story's spike, and the same
articles' pages on the site for comparison, are loaded between two loads of the
ceiling, a ``startproject`` project whose one view returns the JSON of one real API
article. Prints the figures and writes them to ``--output``.
"""

import argparse
import datetime
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_site import (
    ARTICLE_SAMPLE,
    database_name,
    flush_redis,
    git_commit,
    make_ceiling,
    prepare_database,
    wrk,
)
from bench.common import ROOT, get, gunicorn, log, production_environment

TARGET = 0.5  # the least share of the ceiling's requests per second
PAGE = 100  # articles per list page when choosing the sample


def article_paths(port):
    """Up to ``ARTICLE_SAMPLE`` article addresses, read from the API's own list."""
    paths, cursor = [], ""
    while len(paths) < ARTICLE_SAMPLE:
        status, body = get(port, f"/api/v1/articles?fields=slug&limit={PAGE}{cursor}")
        if status != 200:
            raise RuntimeError(f"the article list answered {status}")
        page = json.loads(body)
        paths += [f"/api/v1/articles/{item['slug']}" for item in page["items"]]
        if not page["next_cursor"]:
            break
        cursor = f"&cursor={page['next_cursor']}"
    if not paths:
        raise RuntimeError("the database has no published articles")
    return paths[:ARTICLE_SAMPLE]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=5000, help="corpus size to generate")
    parser.add_argument("--entities", type=int, default=2000, help="corpus size to generate")
    parser.add_argument("--seconds", type=float, default=10, help="load per run (default 10)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument("--connections", type=int, default=4, help="wrk connections")
    parser.add_argument("--worker-class", default="sync", help="gunicorn worker class")
    parser.add_argument(
        "--database", type=database_name, default="newsroom_bench", help="PostgreSQL database"
    )
    parser.add_argument("--redis-db", type=int, default=13, help="Redis database, flushed")
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results" / "api.md")
    parser.add_argument("--reset", action="store_true", help="generate the corpus again")
    args = parser.parse_args()

    started = datetime.datetime.now(datetime.UTC)
    redis_url = f"redis://127.0.0.1:6379/{args.redis_db}"
    # One address sends every request: the per-client limit would measure only itself.
    env = production_environment(
        args.database, REDIS_URL=redis_url, NEWSROOM_API_RATE="1000000/min"
    )
    prepare_database(args, env)
    flush_redis(redis_url)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    server_log_path = args.output.with_name("api-server.log")
    with (
        tempfile.TemporaryDirectory(prefix="bench-ceiling-") as ceiling_dir,
        server_log_path.open("w") as server_log,
        gunicorn(
            "newsroom.wsgi",
            env=env,
            log_file=server_log,
            workers=args.workers,
            worker_class=args.worker_class,
            ready_path="/api/v1/articles?limit=1",
        ) as site_port,
    ):
        paths = article_paths(site_port)
        status, body = get(site_port, paths[0])
        if status != 200:
            raise RuntimeError(f"{paths[0]} answered {status}")
        with gunicorn(
            "ceiling.wsgi",
            env=make_ceiling(Path(ceiling_dir), body),
            log_file=server_log,
            workers=args.workers,
            worker_class=args.worker_class,
            cwd=Path(ceiling_dir),
        ) as ceiling_port:
            log(f"Loading each for {args.seconds:g} s, {args.connections} connections")
            ceiling = [wrk(ceiling_port, ["/"], args, "ceiling")]
            api = wrk(site_port, paths, args, "api article")
            pages = [path.replace("/api/v1/articles/", "/articles/") + "/" for path in paths]
            site = wrk(site_port, pages, args, "site article")
            ceiling.append(wrk(ceiling_port, ["/"], args, "ceiling again"))

    ceiling_rps = statistics.mean(result["rps"] for result in ceiling)
    share = api["rps"] / ceiling_rps
    failed = any(result["non_2xx"] or result["socket_errors"] for result in (api, site))
    verdict = "ERROR" if failed else "PASS" if share >= TARGET else "FAIL"
    report = "\n".join(
        [
            "# API benchmark",
            "",
            f"- Date: {started:%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores, "
            f"load average at start {os.getloadavg()[0]:.2f}",
            f"- Commit: {git_commit()}; database {args.database}",
            f"- Load: gunicorn {args.workers} {args.worker_class} workers, wrk "
            f"{args.connections} connections, {args.seconds:g} s each; "
            f"{len(paths)} articles in rotation",
            "",
            "| what | req/s | p50 ms | p99 ms | share of ceiling |",
            "| --- | ---: | ---: | ---: | ---: |",
            f"| ceiling (bare Django, mean of two) | {ceiling_rps:.1f} | "
            f"{ceiling[0]['p50']:.1f} | {ceiling[0]['p99']:.1f} | 100 % |",
            f"| /api/v1/articles/<slug>, cached | {api['rps']:.1f} | {api['p50']:.1f} | "
            f"{api['p99']:.1f} | {100 * share:.1f} % |",
            f"| /articles/<slug>/ (the site's page, for comparison) | {site['rps']:.1f} | "
            f"{site['p50']:.1f} | {site['p99']:.1f} | {100 * site['rps'] / ceiling_rps:.1f} % |",
            "",
            f"Target: at least {100 * TARGET:.0f} % of the ceiling: **{verdict}**.",
            "",
        ]
    )
    log("\n" + report)
    args.output.write_text(report)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
