"""Relinking articles after the registry changes: which articles may change, and the
relink jobs that the task worker and the seed loader run.
"""

from django.db import transaction

from articles.models import Article, Mention, Occurrence
from institutions.models import Entity

from .matcher import AliasEntry, Matcher
from .services import get_registry, link_article

# How many articles are read or relinked at a time: progress is recorded after each chunk.
CHUNK_SIZE = 200


def _spelling_matcher(spellings, entity_kinds):
    """A matcher that finds ``spellings`` wherever the linker could find them as names
    of entities of these kinds (an institution's multi-word name also takes a plural
    ending, an official's last name word also matches alone)."""
    return Matcher(
        AliasEntry(kind, spelling, "name", kind) for spelling in spellings for kind in entity_kinds
    )


def relink_candidates(*, entity_ids=(), spellings=(), article_ids=()):
    """The ids of the articles that may change when these entities or spellings change.

    The articles that mention the entities now, plus those whose title, dek or body
    contains a spelling as the linker reads it (folded: a spelling in Latin letters finds
    its Cyrillic form too). The archive is streamed through one matcher of the changed
    spellings, so the cost in SQL does not grow with the number of spellings.
    """
    found = set(article_ids)
    entity_ids = list(entity_ids)
    found.update(
        Mention.objects.filter(entity_id__in=entity_ids).values_list("article_id", flat=True)
    )
    found.update(
        Occurrence.objects.filter(entity_id__in=entity_ids).values_list("article_id", flat=True)
    )
    spellings = {s.strip() for s in spellings if s and s.strip()}
    if spellings:
        # With the entities gone (deleted), the spellings are read as either kind's.
        kinds = set(Entity.objects.filter(pk__in=list(entity_ids)).values_list("kind", flat=True))
        matcher = _spelling_matcher(spellings, kinds or Entity.Kind.values)
        texts = Article.objects.values_list("pk", "title", "dek", "body")
        for pk, *fields in texts.iterator(chunk_size=2000):
            # Line breaks end words, so joining the fields makes no match across them.
            if pk not in found and matcher.find("\n".join(f or "" for f in fields)):
                found.add(pk)
    return sorted(found)


def relink(articles, *, progress=None):
    """Relink each article with one matcher; returns how many were relinked."""
    registry = get_registry()
    done = 0
    articles = articles.prefetch_related("mentions", "occurrences")
    for article in articles.iterator(chunk_size=CHUNK_SIZE):
        link_article(article, registry=registry)
        done += 1
        if progress:
            progress(done)
    return done


def run_relink_job(job):
    """Relink what ``job`` names, recording its progress; a job not queued is left alone.

    A failure marks the job failed with the error, then propagates, so that whatever
    runs the job (the task worker, the seed loader) records it too.
    """
    if not job.start():
        return
    try:
        candidates = relink_candidates(
            entity_ids=job.entities.values_list("pk", flat=True),
            spellings=job.spellings,
            article_ids=job.article_ids,
        )
        job.record_progress(total=len(candidates))
        for first in range(0, len(candidates), CHUNK_SIZE):
            chunk = candidates[first : first + CHUNK_SIZE]
            # One commit per chunk, not per article: a commit waits for the disk.
            with transaction.atomic():
                relink(Article.objects.filter(pk__in=chunk).order_by("pk"))
            job.record_progress(done=first + len(chunk))
    except Exception as error:
        job.fail(error)
        raise
    job.finish()
