"""Write a synthetic corpus (see ``synthetic``) to the database, in bulk.

Articles are linked by the real linker (``link_articles``, which shares its code with an
editor's save), so bodies, links and mentions are what the site would have produced.
Rendering is the slow part: with several workers, forked processes render while this
one inserts. Workers never touch the database; they inherit the world and the linking
registry at fork time.
"""

import datetime
import itertools
import multiprocessing
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from articles.linking.services import get_registry, link_articles
from articles.models import Article, Mention, Occurrence, Revision
from bench import synthetic
from institutions.models import Alias, Appointment, Entity, Institution, Official, Post
from newsroom.cache_keys import content_changed
from newsroom.slugs import free_slug, slugify_any

# ``Article.source_file`` of every generated article: how a later run recognises them.
GENERATED = "generate_content"

_job = None  # (world, seed, registry) for the workers, set before they fork


class CorpusExists(Exception):
    """The database already holds a generated corpus."""


@dataclass
class Summary:
    institutions: int = 0
    officials: int = 0
    aliases: int = 0
    posts: int = 0
    appointments: int = 0
    articles: int = 0
    mentions: int = 0
    seconds: float = 0.0

    @property
    def rate(self):
        return self.articles / self.seconds if self.seconds else 0.0


def generated_articles():
    return Article.objects.filter(source_file=GENERATED)


def generate_corpus(
    *,
    articles: int,
    entities: int,
    seed,
    batch_size: int = 500,
    workers: int = 1,
    progress: Callable[[int, int, float], None] | None = None,
) -> Summary:
    """Create ``entities`` entities and ``articles`` published, linked articles.

    Refuses (``CorpusExists``) when a generated corpus is already there: a second world
    next to the first would be a different registry, and its articles would not link
    the first one's entities. Publication times go back up to three years from now.
    """
    existing = generated_articles().count()
    if existing:
        raise CorpusExists(
            f"The database already holds {existing} generated article(s). Generate into "
            "a fresh database, or empty this one first (manage.py flush)."
        )
    started = time.perf_counter()
    summary = Summary()
    taken_names = itertools.chain(
        Entity.objects.values_list("name", flat=True), Alias.objects.values_list("name", flat=True)
    )
    world = synthetic.make_world(seed, entities, taken_names=taken_names)
    _create_world(world, summary)
    now = timezone.now()
    taken_slugs = set(Article.objects.values_list("slug", flat=True))
    for batch in _batched(_built_articles(world, seed, articles, workers), batch_size):
        _create_articles(batch, now=now, taken_slugs=taken_slugs, summary=summary)
        if progress:
            progress(summary.articles, articles, summary.articles / (time.perf_counter() - started))
    summary.seconds = time.perf_counter() - started
    return summary


@transaction.atomic
def _create_world(world, summary):
    """Entities, aliases, posts and appointments, with a few queries per thousand rows.

    Institution and Official rows are saved raw, as fixtures are: their Entity rows are
    already there, and the registry's signals would otherwise relink the whole archive
    for every one of them.
    """
    taken = set(Entity.objects.values_list("slug", flat=True))
    rows = []
    for spec in world.entities:
        slug = free_slug(slugify_any(spec.name, spec.kind)[:255], taken, 255)
        taken.add(slug)
        rows.append(Entity(name=spec.name, slug=slug, kind=spec.kind, summary=spec.summary))
    Entity.objects.bulk_create(rows, batch_size=1000)
    pks = [row.pk for row in rows]
    for spec, row in zip(world.entities, rows, strict=True):
        if spec.kind == synthetic.INSTITUTION:
            child = Institution(
                entity_ptr_id=row.pk,
                classification=spec.classification,
                parent_id=None if spec.parent is None else pks[spec.parent],
                city=spec.city,
                country=spec.country,
                founded=spec.founded,
            )
            summary.institutions += 1
        else:
            child = Official(
                entity_ptr_id=row.pk, given_name=spec.given_name, family_name=spec.family_name
            )
            summary.officials += 1
        child.save_base(raw=True, force_insert=True)
    aliases = [
        Alias(entity_id=pks[spec.index], name=name, kind=kind, language=language)
        for spec in world.entities
        for name, kind, language in spec.aliases
    ]
    Alias.objects.bulk_create(aliases, batch_size=1000)
    posts = [Post(institution_id=pks[p.institution], label=p.label) for p in world.posts]
    Post.objects.bulk_create(posts, batch_size=1000)
    appointments = [
        Appointment(
            official_id=pks[a.official],
            post_id=posts[a.post].pk,
            start_date=a.start_date,
            end_date=a.end_date,
        )
        for a in world.appointments
    ]
    Appointment.objects.bulk_create(appointments, batch_size=1000)
    summary.aliases, summary.posts = len(aliases), len(posts)
    summary.appointments = len(appointments)
    content_changed()  # bulk_create sends no signals


def _built_articles(world, seed, count, workers):
    """(spec, article, (mentions, occurrences)) for each article index, in index order."""
    global _job
    _job = (world, seed, get_registry())
    try:
        if workers <= 1 or count < 2 or "fork" not in multiprocessing.get_all_start_methods():
            yield from map(_build_article, range(count))
            return
        # Fork so the workers inherit the world and the matcher instead of rebuilding them.
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            yield from pool.imap(_build_article, range(count), chunksize=16)
            # Workers that finish on their own need no signal to stop.
            pool.close()
            pool.join()
    finally:
        _job = None


def _build_article(index):
    world, seed, registry = _job
    spec = synthetic.make_article(world, seed, index)
    article = Article(
        title=spec.title,
        dek=spec.dek,
        byline=spec.byline,
        body=spec.body,
        status=Article.Status.PUBLISHED,
        source_name=spec.source_name,
        source_url=spec.source_url,
        source_file=GENERATED,
        version=1,
    )
    return spec, article, link_articles([article], registry=registry)


@transaction.atomic
def _create_articles(batch, *, now, taken_slugs, summary):
    articles, mentions, occurrences = [], [], []
    for spec, article, (article_mentions, article_occurrences) in batch:
        article.slug = free_slug(slugify_any(spec.title, "article")[:255], taken_slugs, 255)
        taken_slugs.add(article.slug)
        article.published_at = now - datetime.timedelta(seconds=spec.age_seconds)
        # Came in with the corpus: not an update made after publication.
        article.imported_at = now
        articles.append(article)
        mentions += article_mentions
        occurrences += article_occurrences
    Article.objects.bulk_create(articles)
    Mention.objects.bulk_create(mentions, batch_size=2000)
    Occurrence.objects.bulk_create(occurrences, batch_size=2000)
    Revision.objects.bulk_create(
        [Revision.of(article, note="Generated") for article in articles], batch_size=500
    )
    summary.articles += len(articles)
    summary.mentions += len(mentions)
    content_changed()  # bulk_create sends no signals


def _batched(iterable, size):
    iterator = iter(iterable)
    while batch := list(itertools.islice(iterator, size)):
        yield batch
