"""Time an editor's save of a long article against a loaded database.

Run against a database holding a generated corpus, e.g.:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_corpus DJANGO_DEBUG=1 \\
        .venv/bin/python bench/bench_save.py [--runs 10] [--profile]

Target: saving a 5,000-word article with linking takes under 200 ms end to end (the
admin change form's POST). Also times ``article_save`` alone, opening the change form,
and relinking 1,000 articles. Writes to the database: a bench article and a superuser.
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from articles.linking.relinking import relink  # noqa: E402
from articles.models import Article  # noqa: E402
from articles.services import article_save  # noqa: E402

WORDS = 5_000
SLUG = "bench-save-5000-words"


def bench_article(user):
    """A published 5,000-word article made of generated articles' prose."""
    article = Article.objects.filter(slug=SLUG).first()
    if article is None:
        paragraphs, words = [], 0
        for body in (
            Article.objects.exclude(slug=SLUG).order_by("pk").values_list("body", flat=True)
        ):
            for paragraph in body.split("\n\n"):
                paragraphs.append(paragraph)
                words += len(paragraph.split())
                if words >= WORDS:
                    break
            if words >= WORDS:
                break
        if words < WORDS:
            sys.exit("Load a corpus first: bench/generate_content.py --articles 5000")
        article = Article(
            title="Bench: a long read",
            slug=SLUG,
            body="\n\n".join(paragraphs),
            status=Article.Status.PUBLISHED,
            published_at=timezone.now(),
        )
        article_save(article=article, by=user, note="Bench")
    return article


def timed(runs, action):
    action(-1)  # warm-up: caches, the matcher, connections
    times = []
    for run in range(runs):
        started = time.perf_counter()
        action(run)
        times.append((time.perf_counter() - started) * 1000)
    return times


def report(label, times):
    print(
        f"{label:<38} median {statistics.median(times):7.1f} ms"
        f"   min {min(times):7.1f}   max {max(times):7.1f}   ({len(times)} runs)"
    )


class FormFields(HTMLParser):
    """The values a browser would submit from the admin's change form."""

    def __init__(self):
        super().__init__()
        self.data, self._textarea, self._select = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "file", "button"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            default = "on" if attrs.get("type") in ("checkbox", "radio") else ""
            self.data[name] = attrs.get("value", default)
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select] = attrs.get("value", "")

    def handle_data(self, data):
        if self._textarea:
            # A browser drops the newline that follows <textarea>.
            start = not self.data[self._textarea]
            self.data[self._textarea] += data.removeprefix("\n") if start else data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None


def admin_form(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    parser = FormFields()
    parser.feed(response.content.decode())
    data = parser.data
    data.pop("_addanother", None)
    data.pop("_continue", None)
    return data


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--profile", action="store_true", help="Profile the admin POSTs.")
    options = parser.parse_args()

    user, _ = User.objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    article = bench_article(user)
    entities = article.mentions.count()
    print(
        f"Database: {Article.objects.count()} articles; bench article: "
        f"{len(article.body.split())} words, {entities} entities mentioned"
    )

    def save(run):
        fresh = Article.objects.get(pk=article.pk)
        fresh.body = article.body + f"\n\nEdit number {run}."
        article_save(article=fresh, by=user, note="Bench")

    report("article_save, edit at the end", timed(options.runs, save))

    def save_top(run):
        fresh = Article.objects.get(pk=article.pk)
        fresh.body = f"Edit number {run} at the top.\n\n" + article.body
        article_save(article=fresh, by=user, note="Bench")

    # Every mention's offset moves: the worst case for recording mentions.
    report("article_save, edit at the top", timed(options.runs, save_top))

    client = Client()
    client.force_login(user)
    url = reverse("admin:articles_article_change", args=[article.pk])
    report("admin change form GET", timed(options.runs, lambda run: client.get(url)))

    profiler = cProfile.Profile()
    post_times = []

    def admin_save(run):
        data = admin_form(client, url)
        data["body"] = article.body + f"\n\nAdmin edit number {run}."
        started = time.perf_counter()
        if options.profile and run >= 0:
            response = profiler.runcall(client.post, url, data)
        else:
            response = client.post(url, data)
        post_times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 302, response.content.decode()[:2000]

    timed(options.runs, admin_save)
    report("admin change form POST (end to end)", post_times[1:])

    some = Article.objects.order_by("pk").values("pk")[:1000]
    relink_times = timed(1, lambda run: relink(Article.objects.filter(pk__in=some)))
    report("relink 1,000 articles", relink_times)

    if options.profile:
        print("\nProfile of the admin POSTs:")
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)


if __name__ == "__main__":
    main()
