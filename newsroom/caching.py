"""Caching for public pages: a shared page cache that is never stale, and HTTP caching.

Every change readers could see starts a new *content version*: one cache entry, shared by
all processes, holding a random token, when the change happened and the next time readers
see a change no edit makes (a scheduled article coming out). Pages are cached under the
version they were rendered in, so a new version retires every older page at once.
Browsers and a CDN revalidate with an ETag and a Last-Modified drawn from the same entry:
a page served from the cache, or a 304, takes no database query.

Apps plug in; this module knows none of them. An app's ``ready()`` names the models whose
changes readers can see (``retire_pages_on_change``), its views go through
``public_page``, and ``NEWSROOM_PAGE_CACHE_SCHEDULE`` names callables that return the next
time readers see a change by itself, or None.
"""

import base64
import datetime
import hashlib
import logging
import os
import re
import uuid
from functools import wraps
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from django.utils.module_loading import import_string

from newsroom.transactions import on_commit_once

logger = logging.getLogger(__name__)

PUBLIC_MAX_AGE = 60
STALE_WHILE_REVALIDATE = 300
# A new version retires old pages without waiting; the timeout bounds the memory held by
# pages nobody asks for again, such as those of made-up query strings.
PAGE_TIMEOUT = 600
VERSION_KEY = "content-version"
# django-csp names the request's nonce in the policy it sends when, and only when, the
# page used it.
CSP_HEADERS = ("Content-Security-Policy", "Content-Security-Policy-Report-Only")
CSP_NONCE = re.compile(r"'nonce-([^']+)'")


class ContentVersion(NamedTuple):
    """What readers can see, as of one change: pages are cached under the token."""

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


def start_content_version():
    """Share a new content version, asking each of ``NEWSROOM_PAGE_CACHE_SCHEDULE`` when
    readers next see a change no edit makes.

    Last-Modified is the time of the change itself, so it never runs ahead of the clock
    nor goes back when the entry is lost; two changes within one second differ by their
    ETag, which clients send when they have one. A scheduled time another process stored
    meanwhile is kept: this process's query may have run before that schedule committed,
    and turning over early costs only one more rendering.
    """
    now = timezone.now()
    upcoming = [import_string(path)() for path in settings.NEWSROOM_PAGE_CACHE_SCHEDULE]
    stored = stored_content_version()
    if stored and stored.next_change and stored.next_change > now:
        upcoming.append(stored.next_change)
    next_change = min((time for time in upcoming if time), default=None)
    version = ContentVersion(uuid.uuid4().hex, now.replace(microsecond=0), next_change)
    cache.set(VERSION_KEY, tuple(version), timeout=None)
    return version


def content_version():
    """The current content version; None without a shared page cache, or when the cache
    cannot be reached."""
    if not settings.NEWSROOM_PAGE_CACHE:
        return None
    try:
        version = stored_content_version()
        if version is None or not version.is_current:
            version = start_content_version()
    except Exception as error:
        logger.warning("Page cache unavailable, serving pages uncached: %r", error)
        return None
    return version


def _renew_content_version():
    try:
        start_content_version()
    except Exception as error:
        logger.warning(
            "Page cache unavailable, cached pages may stay stale for up to %s s: %r",
            PAGE_TIMEOUT,
            error,
        )


def content_changed(**kwargs):
    """Start a new content version when the current transaction commits; one for all the
    changes it made.

    Receives the signals of every model public pages show; writes that send no signals
    (``update()``, ``bulk_create()``) call it themselves. Before the commit, another
    process would render the old data and cache it as the new version.
    """
    if settings.NEWSROOM_PAGE_CACHE:
        on_commit_once("content-version", lambda: _renew_content_version)


def retire_pages_on_change(*models):
    """Start a new content version whenever one of ``models`` is saved or deleted.

    Apps call it from their ``ready()`` with every model whose changes readers can see.
    """
    for model in models:
        for signal in (post_save, post_delete):
            signal.connect(
                content_changed, sender=model, dispatch_uid=f"page-cache-{model._meta.label}"
            )


def _page_key(request):
    # Pages that show today's roles or this month's ranking change at midnight.
    page = f"{timezone.localdate().isoformat()} {request.build_absolute_uri()}"
    return "page:" + hashlib.sha256(page.encode()).hexdigest()


def _validators(key, version):
    """The ETag and Last-Modified of the page stored under ``key`` in ``version``."""
    etag = 'W/"{}"'.format(hashlib.sha256(f"{version.token} {key}".encode()).hexdigest())
    midnight = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return etag, int(max(version.changed, midnight).timestamp())


def _cache_call(method, *args):
    try:
        return method(*args)
    except Exception as error:
        logger.warning("Page cache unavailable, serving pages uncached: %r", error)
        return None


def _make_public(response):
    patch_cache_control(
        response, public=True, max_age=PUBLIC_MAX_AGE, stale_while_revalidate=STALE_WHILE_REVALIDATE
    )


def _not_modified(request, etag, last_modified):
    """A 304 when the client's copy is current, else None."""
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is not None and response.status_code == 304:
        response["ETag"], response["Last-Modified"] = etag, http_date(last_modified)
        _make_public(response)
        patch_vary_headers(response, ["Cookie"])
    return response


def _is_signed_out(request):
    """No session at all: nothing on the page can differ from what any reader sees."""
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


class _PageToStore(NamedTuple):
    key: str
    token: str


def _is_storable(request, response):
    # A page that varies by a header other than the session cookie is not one page per
    # address. The CSRF middleware adds its cookie on the way out to a page that used a
    # token. Pages go to readers without a session, so only their pages are stored.
    vary = {field.strip().lower() for field in response.get("Vary", "").split(",")}
    return not (
        response.status_code != 200
        or response.streaming
        or response.cookies
        or not vary <= {"", "cookie"}
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    )


def _nonce_sent(response):
    """The CSP nonce ``response`` allows, or None when the page did not use one."""
    for name in CSP_HEADERS:
        found = CSP_NONCE.search(response.get(name, ""))
        if found:
            return found[1]
    return None


def _store(page, response):
    """Keep ``response``, headers included, with the CSP nonce it was rendered with.

    That nonce marks where the page's templates wrote one: it was drawn at random for
    this rendering, so no text on the page can contain it.
    """
    # The length is the served copy's own: another nonce may differ in length.
    headers = [(name, value) for name, value in response.items() if name != "Content-Length"]
    entry = (page.token, response.content, headers, _nonce_sent(response))
    _cache_call(cache.set, page.key, entry, PAGE_TIMEOUT)


def _from_cache(content, headers, rendered_nonce):
    """The stored page, with a nonce of its own in the page and its CSP header."""
    if rendered_nonce:
        nonce = base64.b64encode(os.urandom(16)).decode("ascii")
        content = content.replace(f'nonce="{rendered_nonce}"'.encode(), f'nonce="{nonce}"'.encode())
        headers = [
            (name, value.replace(f"'nonce-{rendered_nonce}'", f"'nonce-{nonce}'"))
            if name in CSP_HEADERS
            else (name, value)
            for name, value in headers
        ]
    return HttpResponse(content, headers={**dict(headers), "Content-Length": len(content)})


def _cached_response(request):
    """The stored page for a signed-out reader's request, or a 304, in one cache round
    trip; None when there is no current page for it."""
    key = _page_key(request)
    found = _cache_call(cache.get_many, [VERSION_KEY, key])
    if not found or VERSION_KEY not in found or key not in found:
        return None
    try:
        version = ContentVersion(*found[VERSION_KEY])
        token, content, headers, rendered_nonce = found[key]
    except (TypeError, ValueError):  # stored in another shape by another release
        return None
    if token != version.token or not version.is_current:
        return None
    etag, last_modified = _validators(key, version)
    return _not_modified(request, etag, last_modified) or _from_cache(
        content, headers, rendered_nonce
    )


def last_stored_page(request):
    """The last copy of the page a signed-out reader's ``request`` asks for, whatever
    content version it was rendered in; None when there is none.

    For when the page cannot be rendered (the database is down): an older page is better
    than none (stale-if-error). Its validators are those it was stored with.
    """
    if not (
        settings.NEWSROOM_PAGE_CACHE
        and request.method in ("GET", "HEAD")
        and _is_signed_out(request)
    ):
        return None
    try:
        _token, content, headers, rendered_nonce = _cache_call(cache.get, _page_key(request))
    except (TypeError, ValueError):  # none stored, or stored in another shape
        return None
    return _from_cache(content, headers, rendered_nonce)


class PageCacheMiddleware:
    """Serve signed-out readers' public pages from the shared page cache before the rest
    of the stack runs, and store the pages ``public_page`` marks on their way out.

    Goes after SecurityMiddleware, whose headers every response gets, and before the
    middleware whose headers are stored with the page (the CSP header among them).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.NEWSROOM_PAGE_CACHE
            and request.method in ("GET", "HEAD")
            and _is_signed_out(request)
        ):
            response = _cached_response(request)
            if response is not None:
                return response
        response = self.get_response(request)
        page = getattr(request, "page_to_store", None)
        if page is not None and _is_storable(request, response):
            _store(page, response)
        return response


def _public_response(view, request, *args, **kwargs):
    """The page rendered with the content version's validators; marked to be stored by
    PageCacheMiddleware when a signed-out reader asked for it."""
    version = content_version()
    if version is None:
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.has_header("Cache-Control"):
            _make_public(response)
        return response

    # Rendered even when the client's copy may be current: only the view knows whether
    # the page exists. ConditionalGetMiddleware answers 304 from the validators set here.
    key = _page_key(request)
    etag, last_modified = _validators(key, version)
    response = view(request, *args, **kwargs)
    if response.status_code != 200 or response.has_header("Cache-Control"):
        return response
    response["ETag"], response["Last-Modified"] = etag, http_date(last_modified)
    _make_public(response)
    if _is_signed_out(request):
        request.page_to_store = _PageToStore(key, version.token)
    return response


def public_page(view):
    """Serve a public page through the shared page cache, and let browsers and a CDN keep
    it briefly and revalidate it with a conditional GET.

    Signed-in users (staff see previews) bypass the cache: their pages are neither read
    from it nor stored in it, and never shared downstream. Only successful pages of
    readers without a session that set no cookie are stored. Without a shared cache
    (``NEWSROOM_PAGE_CACHE`` off, or the cache server down) pages are rendered each time;
    ConditionalGetMiddleware's ETag, a hash of the page, still answers a conditional GET
    exactly.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.is_authenticated:
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True, no_cache=True)
            return response
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        return _public_response(view, request, *args, **kwargs)

    return wrapper
