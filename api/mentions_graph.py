"""The mentions graph: one row per published article and entity it publicly names.

For data journalists: who is written about with whom, when, and in which role. Read
in chunks and written as it is read, so an export of every article never sits in
memory whole.
"""

import csv
import json

from django.utils import timezone

from articles.filters import start_of_day
from articles.models import Mention
from institutions.models import Appointment

COLUMNS = (
    "article_id",
    "article_slug",
    "published_on",
    "language",
    "entity_slug",
    "entity_name",
    "entity_kind",
    "count",
    "state",
    "is_about",
    "role",
)
CHUNK = 2000
DAY = timezone.timedelta(days=1)


def mention_rows(*, entity=None, date_from=None, date_to=None):
    """The graph's rows as dicts of ``COLUMNS``, oldest article first.

    ``role``: for an official, the posts they held on the day the article came out
    (``"Post, Institution"``, several joined by ``"; "``); empty otherwise.
    """
    mentions = Mention.objects.in_published_articles()
    if entity is not None:
        mentions = mentions.filter(entity=entity)
    if date_from is not None:
        mentions = mentions.filter(article__published_at__gte=start_of_day(date_from))
    if date_to is not None:
        mentions = mentions.filter(article__published_at__lt=start_of_day(date_to + DAY))
    rows = mentions.order_by("article__published_at", "article_id", "entity__slug").values_list(
        "article_id",
        "article__slug",
        "article__published_at",
        "article__language",
        "entity_id",
        "entity__slug",
        "entity__name",
        "entity__kind",
        "count",
        "state",
        "is_about",
    )
    posts = _posts_by_official()
    for row in rows.iterator(chunk_size=CHUNK):
        article_id, slug, published_at, language, entity_id, *rest = row
        day = timezone.localdate(published_at)
        yield dict(
            zip(
                COLUMNS,
                (article_id, slug, day.isoformat(), language, *rest, _role(posts, entity_id, day)),
                strict=True,
            )
        )


def _posts_by_official():
    """Every appointment, by official: the registry is small next to the articles."""
    posts = {}
    for official, label, institution, start, end in Appointment.objects.values_list(
        "official_id", "post__label", "post__institution__name", "start_date", "end_date"
    ).order_by("post__institution__name", "post__label"):
        posts.setdefault(official, []).append((f"{label}, {institution}", start, end))
    return posts


def _role(posts, entity_id, day):
    return "; ".join(
        label
        for label, start, end in posts.get(entity_id, ())
        if (start is None or start <= day) and (end is None or end >= day)
    )


class _Line:
    """A file-like object whose write returns what was written, for a streamed CSV."""

    def write(self, text):
        return text


def csv_lines(rows):
    writer = csv.writer(_Line())
    yield writer.writerow(COLUMNS)
    for row in rows:
        yield writer.writerow(row.values())


def json_chunks(rows):
    """A JSON array of row objects, written one row at a time."""
    separator = "[\n"
    for row in rows:
        yield separator + json.dumps(row, ensure_ascii=False)
        separator = ",\n"
    yield "[]\n" if separator == "[\n" else "\n]\n"
