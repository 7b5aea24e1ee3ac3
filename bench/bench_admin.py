"""Time the admin's article list and the busiest public lists against a loaded database.

Run against a database holding a generated corpus, e.g.:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_scale DJANGO_DEBUG=1 \\
        .venv/bin/python bench/bench_admin.py [--runs 5] [--public]

Target: every admin list under 1 s at 100,000 articles. Prints, for each address, the
median time over the runs and the number of SQL queries. Writes to the database: a
superuser.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from articles.admin import ArticleAdmin  # noqa: E402
from articles.models import Article  # noqa: E402
from articles.views import ArticleListView  # noqa: E402
from institutions.models import Entity  # noqa: E402
from institutions.views import EntityDetailView  # noqa: E402


def busiest_entity():
    """The entity with the most published articles publicly naming it, as bench_site picks."""
    entity = Entity.objects.with_article_counts().order_by("-article_count", "pk").first()
    if entity is None or not entity.article_count:
        sys.exit("Load a corpus first: bench/generate_content.py --articles 100000")
    return entity, entity.article_count


def last_page(count, per_page):
    return max(1, -(-count // per_page))


def admin_urls(entity, rare_word):
    changelist = reverse("admin:articles_article_changelist")
    year = Article.objects.order_by("-published_at").values_list("published_at", flat=True)[0]
    last = last_page(Article.objects.count(), ArticleAdmin.list_per_page)
    return [
        changelist,
        changelist + "?" + urlencode({"p": last}),
        changelist + "?" + urlencode({"status__exact": "published"}),
        changelist + "?" + urlencode({"status__exact": "draft"}),
        changelist + "?" + urlencode({"published_at__year": year.year}),
        changelist + "?" + urlencode({"q": "university"}),
        changelist + "?" + urlencode({"q": rare_word}),
        changelist + "?" + urlencode({"entity": entity.pk}),
        changelist + "?" + urlencode({"entity": entity.pk, "status__exact": "published"}),
    ]


def public_urls(entity, articles, rare_word):
    published = Article.objects.published().count()
    entity_url = entity.get_absolute_url()
    return [
        reverse("home"),
        reverse("institutions:institution_list"),
        reverse("articles:list"),
        reverse("articles:list") + f"?page={last_page(published, ArticleListView.paginate_by)}",
        entity_url,
        entity_url + f"?page={last_page(articles, EntityDetailView.paginate_by)}",
        reverse("search") + "?" + urlencode({"q": "university"}),
        reverse("search") + "?" + urlencode({"q": rare_word}),
        reverse("sitemap"),
    ]


def measure(client, url, runs):
    """(median ms, queries) of ``runs`` GETs of ``url`` after one warm-up."""
    assert client.get(url).status_code == 200, url
    times = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times), len(queries)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="Timed runs per address.")
    parser.add_argument("--public", action="store_true", help="Also time the public pages.")
    parser.add_argument(
        "--rare-word", default=None, help="A rare search term (default: the busiest entity)."
    )
    options = parser.parse_args()

    user, _ = User.objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    entity, articles = busiest_entity()
    rare_word = options.rare_word or entity.name.split()[-1]
    print(
        f"Database: {Article.objects.count()} articles; busiest entity: {entity} "
        f"(id {entity.pk}, {articles} published articles)"
    )
    admin_client = Client()
    admin_client.force_login(user)
    rows = [
        (url, *measure(admin_client, url, options.runs)) for url in admin_urls(entity, rare_word)
    ]
    if options.public:
        reader = Client()
        rows += [
            (url, *measure(reader, url, options.runs))
            for url in public_urls(entity, articles, rare_word)
        ]
    width = max(len(url) for url, _, _ in rows)
    print(f"{'URL':<{width}}  {'median ms':>9}  {'queries':>7}")
    for url, median, queries in rows:
        print(f"{url:<{width}}  {median:9.1f}  {queries:7d}")


if __name__ == "__main__":
    main()
