"""Small builders for test data; each returns a saved object, or a file to upload."""

import io
import itertools

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from articles.linking.decisions import mention_decide
from articles.models import Article, Mention
from articles.services import article_save
from authors.models import Author
from institutions.models import Alias, Appointment, Institution, Official, Post
from sections.models import Section

_numbers = itertools.count(1)


def make_institution(name=None, **fields):
    return Institution.objects.create(name=name or f"Institution {next(_numbers)}", **fields)


def make_official(name=None, **fields):
    return Official.objects.create(name=name or f"Official {next(_numbers)}", **fields)


def make_alias(entity, name, **fields):
    return Alias.objects.create(entity=entity, name=name, **fields)


def earlier_this_month():
    """A moment that has passed, in this month of the site's time zone: an hour ago, or
    the month's first moment when the month is younger than an hour."""
    now = timezone.localtime()
    month_start = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    return max(month_start, now - timezone.timedelta(hours=1))


def make_article(title=None, *, status=Article.Status.PUBLISHED, **fields):
    """An article saved as the admin saves one: validated, revised, its body linked
    against the entities that exist now (create those first)."""
    fields.setdefault("body", "Some words about the news.")
    if status == Article.Status.PUBLISHED:
        fields.setdefault("published_at", earlier_this_month())
    article = Article(title=title or f"Article {next(_numbers)}", status=status, **fields)
    return article_save(article=article, by=None)


def make_mention(article, entity, state=Mention.State.AUTO, **fields):
    fields.setdefault("count", 1)
    return Mention.objects.create(article=article, entity=entity, state=state, **fields)


def decide(article, entity, state):
    """An editor's decision on an entity the linker found in ``article``, made as the
    admin's entity panel makes it (``mention_decide``), by nobody in particular."""
    mention = article.mentions.get(entity=entity)
    mention_decide(mention=mention, state=state, by=None)
    return article.mentions.get(entity=entity)


def make_author(name=None, **fields):
    return Author.objects.create(name=name or f"Journalist {next(_numbers)}", **fields)


def make_section(name=None, **fields):
    return Section.objects.create(name=name or f"Section {next(_numbers)}", **fields)


def make_post(institution, label="Speaker"):
    return Post.objects.create(institution=institution, label=label)


def make_appointment(official, post, **fields):
    return Appointment.objects.create(official=official, post=post, **fields)


def png_upload(name="lead.png"):
    """A small real PNG, as a browser would upload it."""
    output = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(output, "PNG")
    return SimpleUploadedFile(name, output.getvalue())
