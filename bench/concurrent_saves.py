"""Editors saving at the same moment on SQLite: saves wait for each other, none fails.

    .venv/bin/python bench/concurrent_saves.py [--editors 8] [--seconds 10] [--pause 0]
        [--json] [--folder DIR] [--sqlite-defaults]

Makes a fresh, migrated SQLite database in a scratch folder, with the site's settings for
SQLite (WAL, immediate write transactions, a 20 s busy timeout). Each editor is a process
of its own, as app servers and the task worker are: half of them save one shared article,
each of the others an article of its own, one save after another for ``--seconds``
through ``article_save``, as the admin saves, waiting ``--pause`` seconds after each. A
save based on a version someone else saved first is refused by design (a conflict: the
editor reloads and goes on); any other failure ("database is locked") is an error. At
the end every acknowledged save must have left its revision. ``--sqlite-defaults`` runs
the same load with Django's own SQLite settings (rollback journal, deferred
transactions, 5 s timeout), to compare.
"""

import argparse
import json
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# Django's own defaults for SQLite, as a site without our settings would run.
SQLITE_DEFAULTS = {"init_command": "PRAGMA journal_mode=DELETE;", "timeout": 5}


def setup(database, sqlite_defaults):
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "newsroom.settings"
    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ["NEWSROOM_PAGE_CACHE"] = "0"
    import django
    from django.conf import settings

    django.setup()
    if sqlite_defaults:
        settings.DATABASES["default"]["OPTIONS"] = dict(SQLITE_DEFAULTS)


def prepare(editors):
    """Migrate; one user per editor and the articles they save: (user, article) pairs."""
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command

    from articles.models import Article
    from articles.services import article_save

    call_command("migrate", interactive=False, verbosity=0)
    group = Group.objects.get(name="Editor")
    shared = article_save(article=Article(title="Shared story", body="Start."), by=None)
    pairs = []
    for number in range(editors):
        user = User.objects.create_user(f"editor-{number}", is_staff=True)
        user.groups.add(group)
        article = shared
        if number % 2:
            article = article_save(article=Article(title=f"Story {number}", body="."), by=None)
        pairs.append((user.pk, article.pk))
    return pairs


def edit(number, user_pk, article_pk, start, seconds, pause, results):
    """One editor: save ``article_pk`` every ``pause`` seconds until the time is up."""
    from django.contrib.auth.models import User
    from django.db import DatabaseError

    from articles.models import Article
    from articles.services import EditConflict, article_save

    user = User.objects.get(pk=user_pk)
    saved, latencies, conflicts, errors = [], [], 0, []
    start.wait()
    deadline = time.monotonic() + seconds
    # An editor whose saves all met a conflict (two share an article) keeps trying a while
    # longer, so that every editor's figures include a save that landed.
    last_chance = deadline + seconds + 30
    while time.monotonic() < deadline or (not saved and time.monotonic() < last_chance):
        began = time.perf_counter()
        try:
            article = Article.objects.get(pk=article_pk)
            marker = f"editor {number}, save {len(saved) + conflicts + len(errors)}"
            article.body = f"Text so far.\n\n{marker}"
            article_save(article=article, by=user, expected_version=article.version)
        except EditConflict:
            conflicts += 1
            continue
        except DatabaseError as error:
            errors.append(str(error))
            continue
        latencies.append(time.perf_counter() - began)
        saved.append((article_pk, article.version, marker))
        time.sleep(pause)
    results.put({"saved": saved, "latencies": latencies, "conflicts": conflicts, "errors": errors})


def lost_saves(saved):
    """The acknowledged saves whose revision is not in the database."""
    from articles.models import Revision

    kept = {
        (article, version): content["body"]
        for article, version, content in Revision.objects.values_list(
            "article", "version", "content"
        )
    }
    return [
        (article, version)
        for article, version, marker in saved
        if marker not in kept.get((article, version), "")
    ]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


def run(editors, seconds, database, *, pause=0.0, sqlite_defaults=False):
    """The figures of one run, as a dict."""
    setup(database, sqlite_defaults)
    from django.db import connections

    pairs = prepare(editors)
    # Each process opens its own connection; none may inherit this one.
    connections.close_all()
    context = multiprocessing.get_context("fork")
    start, results = context.Event(), context.Queue()
    processes = [
        context.Process(
            target=edit,
            args=(number, user, article, start, seconds, pause, results),
        )
        for number, (user, article) in enumerate(pairs)
    ]
    for process in processes:
        process.start()
    start.set()
    outcomes = [results.get(timeout=seconds + 120) for _ in processes]
    for process in processes:
        process.join()
    saved = [save for outcome in outcomes for save in outcome["saved"]]
    latencies = [latency * 1000 for outcome in outcomes for latency in outcome["latencies"]]
    errors = [error for outcome in outcomes for error in outcome["errors"]]
    return {
        "editors": editors,
        "seconds": seconds,
        "pause": pause,
        "settings": "Django's default settings" if sqlite_defaults else "the site's settings",
        "saves": len(saved),
        "saves_per_editor_min": min(len(outcome["saved"]) for outcome in outcomes),
        "conflicts": sum(outcome["conflicts"] for outcome in outcomes),
        "errors": len(errors),
        "error_kinds": sorted(set(errors)),
        "lost": len(lost_saves(saved)),
        "p50_ms": round(statistics.median(latencies), 1) if latencies else 0.0,
        "p99_ms": round(percentile(latencies, 0.99), 1),
        "max_ms": round(max(latencies, default=0.0), 1),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--editors", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument(
        "--pause", type=float, default=0.0, help="seconds each editor waits between saves"
    )
    parser.add_argument("--sqlite-defaults", action="store_true")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--folder", help="where the scratch database goes (default: the system's temporary folder)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsroom-saves-", dir=args.folder) as folder:
        figures = run(
            args.editors,
            args.seconds,
            Path(folder) / "db.sqlite3",
            pause=args.pause,
            sqlite_defaults=args.sqlite_defaults,
        )
    if args.json:
        print(json.dumps(figures))
        return 0
    print(
        f"{figures['editors']} editors saving every {figures['pause']:g} s (after each save) "
        f"for {figures['seconds']:.0f} s on SQLite with "
        f"{figures['settings']}: {figures['saves']} saves "
        f"(fewest by one editor: {figures['saves_per_editor_min']}), "
        f"{figures['conflicts']} refused as conflicting edits (by design), "
        f"{figures['errors']} errors, {figures['lost']} acknowledged saves lost; "
        f"save latency p50 {figures['p50_ms']} ms, p99 {figures['p99_ms']} ms, "
        f"max {figures['max_ms']} ms"
    )
    for kind in figures["error_kinds"]:
        print(f"  error: {kind}")
    return 1 if figures["errors"] or figures["lost"] else 0


if __name__ == "__main__":
    sys.exit(main())
