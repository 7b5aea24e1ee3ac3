"""Cache keys (surrogate keys, cache tags): what each public page shows, and which pages a
change retires.

Every public page carries the keys of what it shows: each object on it, and each list it
shows (``public_page(keys=...)``, or ``tag_page()`` while it renders). A change retires the
keys it touches (``retire_pages_on_change(Model, keys=...)``, or ``retire_keys()`` for a
write that sends no signal) and, with them, exactly the pages that carry one of them: in
the shared page cache, and in an edge cache that reads the keys from the response headers
(Varnish xkey, Fastly Surrogate-Key, Cloudflare Cache-Tag).

In the shared cache each key has a token; a stored page is current while every key it
carries still has the token it had when the page was stored. Retiring a key gives it a
new token, and first counts one more retirement: a page rendered while one of its own keys
was retired sees that key's token name a later count, and is not stored, since it may show
what came before the change.
An edge cache is purged from a background task (``newsroom.purging``).

Apps name their keys; this module knows none of them. ``object_key`` names one object's.
"""

import contextvars
import logging
import secrets
import uuid
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils import timezone

from newsroom.transactions import on_commit_once

logger = logging.getLogger(__name__)

# Every page carries it: retiring it retires every page (a release, or a bulk write).
EVERYTHING = "all"
RETIREMENTS_KEY = "cache-key-retirements"
TOKEN_PREFIX = "cache-key:"
# How each edge cache reads the keys from a response: the header and the separator.
EDGE_KEY_HEADERS = {"xkey": " ", "Surrogate-Key": " ", "Cache-Tag": ","}

_page_keys = contextvars.ContextVar("page_keys", default=None)
_relied_tokens = contextvars.ContextVar("relied_tokens", default=None)


def object_key(obj):
    """The key of one object's public data, named after its model (the root model of
    multi-table inheritance, so that an institution is the entity it is) and its pk."""
    model = obj._meta.concrete_model
    parents = model._meta.get_parent_list()
    return f"{(parents[-1] if parents else model)._meta.model_name}-{obj.pk}"


@contextmanager
def collecting_page_keys():
    """Collect the keys ``tag_page`` names while a page is made, and the tokens ``rely_on``
    names; yields the set of keys."""
    keys = {EVERYTHING}
    token = _page_keys.set(keys)
    relied = _relied_tokens.set({})
    try:
        yield keys
    finally:
        _page_keys.reset(token)
        _relied_tokens.reset(relied)


def collected_page_keys():
    """The keys collected so far for the page being made."""
    return set(_page_keys.get() or {EVERYTHING})


def tag_page(*keys):
    """Say that the page being made shows what ``keys`` name."""
    collected = _page_keys.get()
    if collected is not None:
        collected.update(keys)


def rely_on(tokens):
    """Say that the page being made shows a part kept from when its keys had ``tokens``."""
    relied = _relied_tokens.get()
    if relied is not None:
        relied.update(tokens)


def relied_on_retired(tokens):
    """Whether a part the page being made shows was kept from before one of its keys took
    the token it has in ``tokens`` (the keys' tokens now).

    A part is served while its keys keep their tokens. One read as a retirement ran, its
    count written but not yet its tokens, is served as current; a page that shows it
    would be current by its keys' new tokens, yet show what came before.
    """
    relied = _relied_tokens.get() or {}
    return any(tokens.get(key) != token for key, token in relied.items())


def edge_headers(keys):
    """The response headers that tell the configured edge caches a page's keys."""
    ordered = sorted(keys)
    return {
        name: EDGE_KEY_HEADERS[name].join(ordered) for name in settings.NEWSROOM_EDGE_KEY_HEADERS
    }


def key_tokens(keys):
    """Each key's current token (None for a key never retired, or evicted), and the count
    of retirements, in one round trip."""
    names = [TOKEN_PREFIX + key for key in keys]
    found = cache.get_many([RETIREMENTS_KEY, *names])
    tokens = {key: found.get(name) for key, name in zip(keys, names, strict=True)}
    return tokens, found.get(RETIREMENTS_KEY)


def start_retirements():
    """The count of retirements, started where none is kept (never counted yet, or
    evicted).

    Started at random: a page stored while an earlier count ran cannot take a new one
    that reaches the same number for current (``caching._current_page``). Started before
    anything is stored, so that what is stored before the first retirement has a count
    to be checked by. Below 2**52, so that it stays exact as a double, however a cache
    client carries it.
    """
    cache.add(RETIREMENTS_KEY, secrets.randbits(52), timeout=None)
    return cache.get(RETIREMENTS_KEY)


def retire_in_page_cache(keys):
    """Give each of ``keys`` a new token, after counting the retirement.

    A token is a value never used before, when it was given (seconds since the epoch) and
    the count of retirements it was given at (``retired_since``).
    """
    try:
        cache.incr(RETIREMENTS_KEY)
    except ValueError:  # never counted yet, or evicted
        start_retirements()
        cache.incr(RETIREMENTS_KEY)
    # Read back, not taken from incr(): django-redis returns it through a Lua script, as
    # a double, which rounds a count above 2**53 (a count started by an earlier release).
    # A retirement counted meanwhile makes it later, which retires no less.
    count = cache.get(RETIREMENTS_KEY)
    now = int(timezone.now().timestamp())
    cache.set_many(
        {TOKEN_PREFIX + key: (uuid.uuid4().hex, now, count) for key in keys}, timeout=None
    )


def retired_since(tokens, count, current):
    """Whether any of the keys that now have ``tokens`` may have been retired since the
    count of retirements was ``count``; it is ``current`` now.

    A page or part made while other keys were retired is as current as one made before:
    only its own keys' retirements can have changed what it shows.
    """
    if count is None or current is None or current < count:
        return True  # counted anew meanwhile: when each key was retired is not known
    if current == count:
        return False
    # A token from before tokens held their count (another release) may be as new.
    return any(
        token is not None and (len(token) < 3 or token[2] is None or token[2] > count)
        for token in tokens.values()
    )


class _Retirement:
    """The keys one transaction's changes touch, retired by one task once it commits."""

    def __init__(self):
        self.keys = set()

    def __call__(self):
        from newsroom.purging import retire_pages

        retire_pages(sorted(self.keys))


def retire_keys(*keys):
    """Retire ``keys`` once the current transaction commits.

    Before the commit, another process would render the old data and store it as current.
    """
    if keys:
        on_commit_once("retire-keys", _Retirement, lambda work: work.keys.update(keys))


def content_changed(**kwargs):
    """Retire every page; for a release and for writes too broad to name their keys.

    Receives signals (``post_migrate``), hence ``kwargs``.
    """
    retire_keys(EVERYTHING)


def _previous(sender, instance, raw=False, **kwargs):
    # The stored row, before this save changes it: the change may take it off (or put it
    # on) pages that the saved values alone do not name.
    instance._cache_keys_previous = (
        None if raw or instance.pk is None else sender._base_manager.filter(pk=instance.pk).first()
    )


def retire_pages_on_change(model, keys, previous=False):
    """Retire the pages that show an object of ``model`` whenever one is saved or deleted.

    ``keys(before, after)`` returns the keys the change touches: ``before`` is the stored
    object before a save (read only with ``previous=True``; else None) or the deleted one,
    ``after`` the saved object (None after a delete). Apps call it from their ``ready()``
    for every model whose changes readers can see.
    """

    def saved(sender, instance, raw=False, **kwargs):
        before = instance.__dict__.pop("_cache_keys_previous", None)
        # A raw save loads a fixture or a backup: everything may have changed.
        retire_keys(*([EVERYTHING] if raw else keys(before, instance)))

    def deleted(sender, instance, **kwargs):
        retire_keys(*keys(instance, None))

    uid = f"page-cache-{model._meta.label}"
    if previous:
        pre_save.connect(_previous, sender=model, dispatch_uid=uid, weak=False)
    post_save.connect(saved, sender=model, dispatch_uid=uid, weak=False)
    post_delete.connect(deleted, sender=model, dispatch_uid=uid, weak=False)
