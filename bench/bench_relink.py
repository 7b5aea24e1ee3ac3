"""Time an alias saved in the admin, and the background relink it queues, on SQLite.

    .venv/bin/python bench/bench_relink.py [--articles 20000] [--database PATH]

Builds a fresh SQLite database (the registry from seeds/ and ``--articles`` short
published articles, one in twenty naming the new alias), then times (i) the admin POST
that adds an alias to an institution, with tasks queued in the database as in
production, and (ii) the task worker relinking the job that POST queued.
Targets: the POST returns at once (no relink inside it); the worker relinks the job's
articles without error.
"""

import argparse
import os
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

ALIAS = "Bench Oversight Council"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--database", type=Path, help="SQLite file (default: a temporary one).")
    options = parser.parse_args()
    database = options.database or Path(tempfile.mkdtemp()) / "bench-relink.sqlite3"
    database.unlink(missing_ok=True)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        DATABASE_URL=f"sqlite:///{database}",
        DJANGO_DEBUG="1",
        NEWSROOM_TASKS_BACKEND="database",
        NEWSROOM_PAGE_CACHE="0",
        DJANGO_LOG_LEVEL="CRITICAL",
    )
    import django

    django.setup()

    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone

    from articles.linking.relinking import relink_candidates
    from articles.models import Article
    from institutions.models import Institution, RelinkJob

    def run_worker():
        call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", verbosity=0)

    call_command("migrate", verbosity=0)
    call_command("load_seeds", str(ROOT / "seeds" / "registry.toml"), stdout=StringIO())
    now = timezone.now()
    Article.objects.bulk_create(
        (
            Article(
                title=f"Bench article {n}",
                slug=f"bench-article-{n}",
                body=(f"The {ALIAS} met on Monday. " if n % 20 == 0 else "The board met. ")
                + "Members discussed the budget, the schools and the roads at length.",
                status=Article.Status.PUBLISHED,
                published_at=now,
            )
            for n in range(options.articles)
        ),
        batch_size=2000,
    )
    print(f"Database: {database}, {Article.objects.count():,} articles")

    user = User.objects.create_superuser("bench-relink", "bench@example.com", "x")
    client = Client()
    client.force_login(user)
    # An institution of the bench's own, with nothing but what the form below posts back.
    institution = Institution.objects.create(
        name="Bench Oversight Board", slug="bench-oversight-board", classification="agency"
    )
    url = f"/admin/institutions/institution/{institution.pk}/change/"
    form = {
        "name": institution.name,
        "slug": institution.slug,
        "classification": institution.classification,
        "aliases-TOTAL_FORMS": "1",
        "aliases-INITIAL_FORMS": "0",
        "aliases-0-name": ALIAS,
        "aliases-0-kind": "name",
        "posts-TOTAL_FORMS": "0",
        "posts-INITIAL_FORMS": "0",
    }
    # The new institution's own relink, out of the way of the one timed below.
    run_worker()

    assert client.get(url).status_code == 200  # the editor opens the form first
    started = time.perf_counter()
    response = client.post(url, form)
    post_ms = (time.perf_counter() - started) * 1000
    assert response.status_code == 302, response.content.decode()[:2000]
    job = RelinkJob.objects.latest_for(institution)
    assert job.state == RelinkJob.State.QUEUED, job
    print(f"(i)  admin POST adding an alias: {post_ms:.0f} ms (job {job.pk}: {job})")

    started = time.perf_counter()
    run_worker()
    seconds = time.perf_counter() - started
    job.refresh_from_db()
    assert job.state == RelinkJob.State.DONE, job
    linked = Article.objects.filter(mentions__entity=institution, body__contains=ALIAS).count()
    print(
        f"(ii) worker relink: {seconds:.1f} s, {job.total:,} of {options.articles:,} articles "
        f"relinked ({job.total / seconds:,.0f} articles/s); {linked:,} now link the alias"
    )
    started = time.perf_counter()
    relink_candidates(entity_ids=job.entities.values_list("pk", flat=True), spellings=job.spellings)
    print(f"     of which finding the candidates: {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
