"""The content version: what readers can see until the next change no edit makes.

Pages are stored under its token (``newsroom.caching``). A change that touches everything
starts a new one; so does the time it names, when a scheduled article comes out.
"""

import datetime
import uuid
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.module_loading import import_string

VERSION_KEY = "content-version"


class ContentVersion(NamedTuple):
    """What readers can see until the next scheduled change: pages are stored under the
    token."""

    token: str
    changed: datetime.datetime
    next_change: datetime.datetime | None

    @property
    def is_current(self):
        """False once the scheduled change has come: a scheduled article is out."""
        return self.next_change is None or timezone.now() < self.next_change


def stored_content_version():
    """The version the cache holds, without starting one; None when there is none."""
    try:
        return ContentVersion(*cache.get(VERSION_KEY))
    except TypeError:  # none stored yet, or one stored in another shape by another release
        return None


def _next_change(now, stored):
    """The earliest of ``NEWSROOM_PAGE_CACHE_SCHEDULE``'s times, and of one another process
    stored meanwhile: this process's query may have run before that schedule committed,
    and turning over early costs only one more rendering."""
    upcoming = [import_string(path)() for path in settings.NEWSROOM_PAGE_CACHE_SCHEDULE]
    if stored and stored.next_change and stored.next_change > now:
        upcoming.append(stored.next_change)
    return min((time for time in upcoming if time), default=None)


def start_content_version():
    """Share a new content version, asking when readers next see a change no edit makes.

    Its start is the time of the change itself, so Last-Modified never runs ahead of the
    clock nor goes back when the entry is lost.
    """
    now = timezone.now()
    next_change = _next_change(now, stored_content_version())
    version = ContentVersion(uuid.uuid4().hex, now.replace(microsecond=0), next_change)
    cache.set(VERSION_KEY, tuple(version), timeout=None)
    return version


def content_version_changed(everything=False):
    """After a change: a new version when it touched everything, else the same one asking
    the schedule again (the change may have scheduled an article)."""
    stored = stored_content_version()
    if everything or stored is None or not stored.is_current:
        start_content_version()
        return
    next_change = _next_change(timezone.now(), stored)
    if next_change != stored.next_change:
        cache.set(VERSION_KEY, tuple(stored._replace(next_change=next_change)), timeout=None)


def current_version(found):
    """The content version in ``found`` (a ``get_many`` that asked for ``VERSION_KEY``),
    or a new one when none is stored or the stored one is over."""
    try:
        version = ContentVersion(*found[VERSION_KEY])
    except (KeyError, TypeError):
        version = None
    if version is None or not version.is_current:
        version = start_content_version()
    return version
