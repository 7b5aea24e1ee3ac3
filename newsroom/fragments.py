"""Parts of pages kept in the shared cache while what they show is unchanged.

A page rendered from the database (it was not in the page cache, or the page cache is
off) reads from here the parts of it that cost most to make and did not change since it
was last rendered: a box of several queries and much rendering. ``read(names)`` reads a
page's parts in one round trip while nothing was retired since they were kept, else two;
``get(label, make)`` returns one, or makes it with
``make()``, which also names the cache keys of what it shows (``newsroom.cache_keys``). A
part is served while each of its keys keeps its token: the change that retires the pages
showing something retires the parts showing it too. As with pages, a part made while one of
its keys was retired is not kept, and one made in an earlier content version (a scheduled
article has come out since) or on another day (roles of the day) is not served.

The page being made is tagged with a part's keys whether it was kept or made, so the page
cache and an edge cache retire the page with it. Without a cache every process shares
(``NEWSROOM_FRAGMENT_CACHE`` off) parts are made each time.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from . import cache_keys
from .content_version import VERSION_KEY, current_version
from .stored_pages import PAGE_TIMEOUT

logger = logging.getLogger(__name__)

# Kept as long as a page: a key's token evicted from the cache (allkeys-lru) reads as a key
# never retired, so a part stored before the key was ever retired must not outlive what
# the page cache allows itself.
FRAGMENT_TIMEOUT = PAGE_TIMEOUT


def _stored_name(name):
    day = timezone.localdate().isoformat()
    return "fragment:" + hashlib.sha256(f"{day} {name}".encode()).hexdigest()


def read(names, *, keep=True):
    """The fragments of one page that are kept and current, read in one or two round trips.

    ``names`` maps a label to a fragment's name, which says everything its value depends
    on besides what its keys name (an article's pk, the page's language). With ``keep``
    false (what they show may change without retiring a key: a draft) nothing is read
    and each is made each time.
    """
    return KeptFragments(names, keep and settings.NEWSROOM_FRAGMENT_CACHE)


class KeptFragments:
    """One page's fragments: ``get(label, make)`` returns the one kept, or makes it.

    ``make()`` returns ``(value, keys)``: something picklable (rendered HTML, data) and
    the cache keys of what it shows.
    """

    def __init__(self, names, enabled):
        self.stored_names = {label: _stored_name(name) for label, name in names.items()}
        self.enabled = enabled
        self.kept = {}
        if enabled:
            try:
                self._read()
            except Exception as error:
                logger.warning("Fragment cache unavailable, making fragments each time: %r", error)
                self.enabled = False

    def _read(self):
        found = cache.get_many(
            [*self.stored_names.values(), VERSION_KEY, cache_keys.RETIREMENTS_KEY]
        )
        self.version = current_version(found).token
        self.retirements = found.get(cache_keys.RETIREMENTS_KEY)
        if self.retirements is None:
            self.retirements = cache_keys.start_retirements()
        stored = {}
        for label, name in self.stored_names.items():
            try:
                version, tokens, value, retirements = found[name]
            except (KeyError, TypeError, ValueError):  # none, or stored in another shape
                continue
            if version != self.version:
                continue
            if retirements == self.retirements:  # nothing retired since: current
                self.kept[label] = tokens, value
            else:
                stored[label] = tokens, value
        keys = sorted({key for tokens, _ in stored.values() for key in tokens})
        current = cache_keys.key_tokens(keys)[0] if keys else {}
        for label, (tokens, value) in stored.items():
            if all(current[key] == token for key, token in tokens.items()):
                self.kept[label] = tokens, value

    def get(self, label, make):
        return self.get_many({label: make})[label]

    def get_many(self, makers):
        """``{label: value}`` for ``makers`` (``{label: make}``): each kept one as it was
        kept, the others made, then kept together in two round trips however many."""
        values, made = {}, {}
        for label, make in makers.items():
            if label in self.kept:
                tokens, values[label] = self.kept[label]
                cache_keys.tag_page(*tokens)
                cache_keys.rely_on(tokens)
            else:
                values[label], keys = make()
                cache_keys.tag_page(*keys)
                made[label] = keys
        if self.enabled and made:
            self._keep({label: (values[label], keys) for label, keys in made.items()})
        return values

    def _keep(self, made):
        try:
            everything = sorted({key for _, keys in made.values() for key in keys})
            tokens, retirements = cache_keys.key_tokens(everything)
            kept = {}
            for label, (value, keys) in made.items():
                own = {key: tokens[key] for key in keys}
                if not cache_keys.retired_since(own, self.retirements, retirements):
                    # Kept with the count it was made at, as pages are (``caching``).
                    kept[self.stored_names[label]] = (self.version, own, value, self.retirements)
            if kept:
                cache.set_many(kept, FRAGMENT_TIMEOUT)
        except Exception as error:
            logger.warning("Fragment cache unavailable, fragment not kept: %r", error)
