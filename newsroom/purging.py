"""Retiring pages after a change: in the shared page cache and in an edge cache.

Once a change commits (``cache_keys.retire_keys``), its keys are retired in the page cache
at once (a few cache writes, which must not wait for a worker to be up) and in the edge
cache from a background task (a request to another server, which may be slow or down).
An edge cache is purged by key with an HTTP request to ``NEWSROOM_EDGE_PURGE_URL``: method
``PURGE`` with the keys in the ``NEWSROOM_EDGE_PURGE_HEADER`` header, space-separated,
as the xkey module's recipe in ``deploy/varnish/`` reads them.
"""

import datetime
import logging
import urllib.error
import urllib.request

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from . import cache_keys
from .caching import content_version_changed

logger = logging.getLogger(__name__)

# Varnish reads request headers of up to 8 KB by default.
PURGE_HEADER_LENGTH = 4000
PURGE_TIMEOUT = 5


class EdgePurgeError(Exception):
    """The edge cache did not confirm a purge."""


def _batches(keys):
    batch, length = [], 0
    for key in keys:
        if batch and length + len(key) + 1 > PURGE_HEADER_LENGTH:
            yield batch
            batch, length = [], 0
        batch.append(key)
        length += len(key) + 1
    if batch:
        yield batch


def purge_edge(keys):
    """Ask the edge cache to drop every page carrying one of ``keys``."""
    url = settings.NEWSROOM_EDGE_PURGE_URL
    for batch in _batches(sorted(keys)):
        request = urllib.request.Request(
            url, method="PURGE", headers={settings.NEWSROOM_EDGE_PURGE_HEADER: " ".join(batch)}
        )
        try:
            with urllib.request.urlopen(request, timeout=PURGE_TIMEOUT) as response:
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        except OSError as error:
            raise EdgePurgeError(f"Edge purge at {url} failed: {error}") from error
        if not 200 <= status < 300:
            raise EdgePurgeError(f"Edge purge at {url} answered {status}")


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
    if settings.NEWSROOM_EDGE_PURGE_URL:
        purge_edge_pages.enqueue(keys)
    elif _has_replicas():
        _retire_again_later(keys)


@task()
def purge_edge_pages(keys):
    """Purge the edge's pages carrying any of ``keys``."""
    purge_edge(keys)
    _retire_again_later(keys)


def _retire_again_later(keys):
    """Retire ``keys`` once more when pages rendered from what came before the change
    have been stored: one the edge was fetching as the change committed, which arrives
    after the purge, or one rendered from a replica that had not caught up."""
    if retire_again.get_backend().supports_defer:
        later = timezone.now() + datetime.timedelta(seconds=settings.NEWSROOM_REPURGE_SECONDS)
        retire_again.using(run_after=later).enqueue(keys)


@task()
def retire_again(keys):
    if _has_replicas():
        _retire_in_page_cache(keys)
    if settings.NEWSROOM_EDGE_PURGE_URL:
        purge_edge(keys)
