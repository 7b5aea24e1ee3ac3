"""The bodies of the pages the page cache stores, kept apart from what says they are current.

A stored page (``newsroom.caching``) is a small entry (the tokens of its keys, its
validators, its headers) that names its bodies: the page as rendered and its brotli copy.
Each body is stored under the hash of its bytes, so a name never stands for other bytes:
whether a body may be served is for the small entry to say, and every request reads that
from the shared cache. A body can therefore be kept anywhere without ever going stale, and
each process keeps those it served last in its own memory (``NEWSROOM_PAGE_BODIES_KEPT``
bytes at most): a page asked for again costs a read of a few hundred bytes from the shared
cache rather than the page's tens of kilobytes, and no body at all for a 304.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.dispatch import receiver

from .kept import Kept

PREFIX = "page-body:"
# A body larger than this share of what a process keeps is read from the shared cache each
# time, rather than push out the many pages it would take the place of.
LARGEST_SHARE = 8


def name_of(body):
    """The name ``body`` is stored under: the hash of its bytes."""
    return PREFIX + hashlib.sha256(body).hexdigest()


_kept = Kept(lambda: settings.NEWSROOM_PAGE_BODIES_KEPT, weight=len)


def _keep(name, body):
    if len(body) * LARGEST_SHARE <= settings.NEWSROOM_PAGE_BODIES_KEPT:
        _kept.put(name, body)


@receiver(setting_changed)
def _forget_bodies(setting, **kwargs):
    if setting in {"NEWSROOM_PAGE_BODIES_KEPT", "CACHES"}:
        _kept.clear()


def bodies_to_store(*bodies):
    """``{name: body}`` for the shared cache, each of ``bodies`` kept in this process too;
    and the names in the order given (None for a body that is None)."""
    stored, names = {}, []
    for body in bodies:
        name = None if body is None else name_of(body)
        if name is not None:
            stored[name] = body
            _keep(name, body)
        names.append(name)
    return stored, names


def read(name):
    """The body stored under ``name``, from this process's memory or the shared cache;
    None when the shared cache no longer holds it."""
    body = _kept.get(name)
    if body is None:
        body = cache.get(name)
        if isinstance(body, bytes):
            _keep(name, body)
        else:
            return None
    return body
