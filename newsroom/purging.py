"""Retiring pages after a change: in the shared page cache and in the edge caches.

Once a change commits (``cache_keys.retire_keys``), its keys are retired in the page cache
at once (a few cache writes, which must not wait for a worker to be up) and in the edge
caches from a background task (requests to other servers, which may be slow or down): an
edge that refuses or cannot be reached is asked again a few times, later. Which edges
there are, and how each is purged, ``newsroom.edge_purgers`` says.
"""

import datetime
import logging

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from . import cache_keys, edge_purgers
from .content_version import content_version_changed
from .edge_purgers import EdgePurgeError

logger = logging.getLogger(__name__)

# After a failed purge, the seconds before each further try.
PURGE_RETRY_SECONDS = (10, 60, 300)


def purge_edge(keys):
    """Ask the edge caches to drop every page carrying one of ``keys``."""
    edge_purgers.purge(settings, keys)


def _retire_in_page_cache(keys):
    # Fragments of pages (``newsroom.fragments``) are retired with the pages.
    if settings.NEWSROOM_PAGE_CACHE or settings.NEWSROOM_FRAGMENT_CACHE:
        try:
            cache_keys.retire_in_page_cache(keys)
            content_version_changed(everything=cache_keys.EVERYTHING in keys)
        except Exception as error:
            logger.warning("Page cache unavailable, pages may stay stale: %r", error)


def _has_replicas():
    return len(settings.DATABASES) > 1


def retire_pages(keys):
    """Retire the pages carrying any of ``keys``: in the page cache first, so that the
    edge, which fetches a purged page again at once, gets a fresh one."""
    _retire_in_page_cache(keys)
    if edge_purgers.enabled(settings):
        purge_edge_pages.enqueue(keys)
    elif _has_replicas():
        _retire_again_later(keys)


@task()
def purge_edge_pages(keys, attempt=0):
    """Purge the edges' pages carrying any of ``keys``. A purge that fails is tried again
    ``PURGE_RETRY_SECONDS`` later, each time, and the failure stays in the task's result."""
    try:
        purge_edge(keys)
    except EdgePurgeError:
        if attempt < len(PURGE_RETRY_SECONDS) and purge_edge_pages.get_backend().supports_defer:
            later = timezone.now() + datetime.timedelta(seconds=PURGE_RETRY_SECONDS[attempt])
            purge_edge_pages.using(run_after=later).enqueue(keys, attempt + 1)
        raise
    _retire_again_later(keys)


def _retire_again_later(keys):
    """Retire ``keys`` once more when pages rendered from what came before the change
    have been stored: one the edge was fetching as the change committed, which arrives
    after the purge, or one rendered from a replica that had not caught up."""
    if retire_again.get_backend().supports_defer:
        for seconds in settings.NEWSROOM_REPURGE_SECONDS:
            later = timezone.now() + datetime.timedelta(seconds=seconds)
            retire_again.using(run_after=later).enqueue(keys)


@task()
def retire_again(keys):
    if _has_replicas():
        _retire_in_page_cache(keys)
    if edge_purgers.enabled(settings):
        purge_edge(keys)
