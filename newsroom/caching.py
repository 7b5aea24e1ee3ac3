"""Caching for public pages: a shared page cache that is never stale, and HTTP caching.

Each public page carries the cache keys of what it shows (``newsroom.cache_keys``); a
change retires the pages carrying the keys it touches, and only those. A stored page is
current while each of its keys keeps the token it had when the page was stored, and while
the *content version* lasts: one cache entry, shared by all processes, holding a token,
when it started and the next time readers see a change no edit makes (a scheduled article
coming out), which starts a new one. Browsers and an edge cache revalidate with an ETag
and a Last-Modified drawn from the page's keys: a page served from the cache, or a 304,
takes no database query, and a change to something else (a draft) leaves both as they were.
A page found current is served again from the process's memory, without asking the cache
server, until the server tells of a change (``tracking``); a page's bodies are stored
apart from it, under the hash of their bytes, and each process keeps those it served last
(``page_bodies``).

Only the query parameters a page reads (``public_page(params=...)``) reach its view and
make a page of their own; tracking parameters and any other are dropped before the view
runs, and a page keeps at most ``NEWSROOM_PAGE_CACHE_VARIANTS`` query strings at a time.

Apps plug in; this module knows none of them: their views go through ``public_page``
naming their keys, their ``ready()`` names the models whose changes readers can see
(``cache_keys.retire_pages_on_change``), and ``NEWSROOM_PAGE_CACHE_SCHEDULE`` names
callables that return the next time readers see a change by itself, or None.

This module holds the rules: when a stored page is current, its validators and public
headers, and the way through the middleware and the views. The rest lives apart: how a
page is stored and given back (``stored_pages``, its bodies in ``page_bodies``), the keys
(``cache_keys``), grace, parts of pages (``fragments``), query parameters and how many
variants are kept (``page_params``), what a process hears of changes (``tracking``) and
compression.
"""

import datetime
import hashlib
import logging
from functools import wraps
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from . import cache_keys, grace, stored_pages, tracking
from .content_version import VERSION_KEY, ContentVersion, current_version
from .page_params import PublicPage, declaration_of, keep_params

logger = logging.getLogger(__name__)

PUBLIC_MAX_AGE = 60
# How long an edge keeps a page rendered while a change to what it shows landed.
RACED_EDGE_SECONDS = 1
STALE_WHILE_REVALIDATE = 300


class _RenderState(NamedTuple):
    version: ContentVersion
    retirements: int | None


def _render_state():
    """The current content version and count of retirements, read before a page renders;
    None without a shared page cache, or when the cache cannot be reached."""
    if not settings.NEWSROOM_PAGE_CACHE:
        return None
    try:
        found = cache.get_many([VERSION_KEY, cache_keys.RETIREMENTS_KEY])
        retirements = found.get(cache_keys.RETIREMENTS_KEY)
        if retirements is None:
            retirements = cache_keys.start_retirements()
        return _RenderState(current_version(found), retirements)
    except Exception as error:
        logger.warning("Page cache unavailable, serving pages uncached: %r", error)
        return None


def _page_key(request):
    # Pages that show today's roles or this month's ranking change at midnight.
    page = f"{timezone.localdate().isoformat()} {request.build_absolute_uri()}"
    return "page:" + hashlib.sha256(page.encode()).hexdigest()


def _validators(key, version, tokens):
    """The ETag and Last-Modified of the page stored under ``key`` while its keys have
    ``tokens``: they change when, and only when, something the page shows does."""
    state = f"{version.token} {key} {sorted(tokens.items(), key=lambda item: item[0])}"
    etag = f'W/"{hashlib.sha256(state.encode()).hexdigest()}"'
    midnight = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    retired = (token[1] for token in tokens.values() if token)
    return etag, max(int(version.changed.timestamp()), int(midnight.timestamp()), *retired)


def _edge_max_age(version):
    """How long an edge cache, which is purged by key, may keep a page: until midnight or
    the next scheduled change, which no purge announces."""
    now = timezone.localtime()
    ends = [now.replace(hour=0, minute=0, second=0, microsecond=0) + datetime.timedelta(days=1)]
    if version is not None and version.next_change:
        ends.append(version.next_change)
    seconds = int((min(ends) - now).total_seconds())
    return max(0, min(settings.NEWSROOM_EDGE_MAX_AGE, seconds))


def _make_public(response, version=None):
    extra = {}
    if settings.NEWSROOM_EDGE_KEY_HEADERS:
        extra["s_maxage"] = _edge_max_age(version)
    patch_cache_control(
        response,
        public=True,
        max_age=PUBLIC_MAX_AGE,
        stale_while_revalidate=STALE_WHILE_REVALIDATE,
        **extra,
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


def _current_page(request):
    """The stored page for ``request`` and whether it is fresh (its keys have the tokens
    they had when it was stored, or were retired a moment ago, in grace); None when there
    is none for the current content version, or it may not be served.

    A page found fresh since the last change this process heard of (``tracking``) is
    fresh still, and served without asking the cache server.
    """
    key = _page_key(request)
    generation = (
        stored_pages.cache_call(tracking.listener.generation)
        if settings.NEWSROOM_PAGE_CACHE_TRACKING
        else None
    )
    kept = tracking.current_pages.get(key, generation)
    if kept is not None and kept[1].is_current:
        return kept[0], True
    found = _stored_page_state(request, key)
    if found is None:
        return None
    page, version, fresh = found
    if fresh:
        tracking.current_pages.put(key, generation, (page, version))
    return page, fresh


def _stored_page_state(request, key):
    """The page stored under ``key``, the content version, and whether the page is fresh,
    as the cache server has them; None when it may not be served."""
    found = stored_pages.cache_call(cache.get_many, [VERSION_KEY, cache_keys.RETIREMENTS_KEY, key])
    if not found or VERSION_KEY not in found or key not in found:
        return None
    try:
        version = ContentVersion(*found[VERSION_KEY])
    except (TypeError, ValueError):  # stored in another shape by another release
        return None
    page = stored_pages.stored_page(found[key])
    if page is None or page.token != version.token or not version.is_current:
        return None
    # Nothing retired since it was stored: current, without reading each key's token.
    if page.retirements is not None and found.get(cache_keys.RETIREMENTS_KEY) == page.retirements:
        return page, version, True
    current = stored_pages.cache_call(cache_keys.key_tokens, list(page.tokens))
    if current is None:
        return None
    if current[0] == page.tokens:
        return page, version, True
    if stored_pages.cache_call(grace.may_serve_stale, request, key, page.tokens, current[0]):
        return page, version, False
    return None


def _cached_response(request):
    """The stored page for a signed-out reader's request, or a 304; None when there is
    no page it may be served."""
    found = _current_page(request)
    if found is None:
        return None
    page, fresh = found
    return _not_modified(request, page.etag, page.last_modified) or stored_pages.response_for(
        request, page, "HIT" if fresh else "STALE"
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
    page = stored_pages.stored_page(stored_pages.cache_call(cache.get, _page_key(request)) or ())
    return None if page is None else stored_pages.response_for(request, page)


def answer_from_cache(request):
    """The stored page (or a 304) for a signed-out reader's ``request`` for a public page;
    None when there is none it may be served. Drops the query parameters the page does
    not read, from the request, for the view."""
    declaration = declaration_of(request) if request.method in ("GET", "HEAD") else None
    if declaration is None:
        return None
    keep_params(request, declaration.params)
    if settings.NEWSROOM_PAGE_CACHE and _is_signed_out(request) and not grace.is_refresh(request):
        return _cached_response(request)
    return None


class PageCacheMiddleware:
    """Serve signed-out readers' public pages from the shared page cache before the rest
    of the stack runs, and store the pages ``public_page`` marks on their way out.

    Goes after SecurityMiddleware, whose headers every response gets, and before the
    middleware whose headers are stored with the page (the CSP header among them).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = answer_from_cache(request)
        if response is not None:
            return response
        with cache_keys.collecting_page_keys():
            response = self.get_response(request)
        page = getattr(request, "page_to_store", None)
        if page is not None and stored_pages.is_storable(request, response):
            stored_pages.store(request, page, response)
        elif grace.is_refresh(request):
            # No page to store (gone, moved, an error; or retired again meanwhile):
            # readers get it rendered rather than the old copy.
            stored_pages.cache_call(cache.delete, _page_key(request))
        return response


def _finish_public_response(request, state, keys, response):
    """Mark a rendered public page with its keys, caching headers and validators, and to
    be stored when a signed-out reader asked for it and nothing retired meanwhile."""
    collected = cache_keys.collected_page_keys()
    if keys is None and collected == {cache_keys.EVERYTHING}:
        # A page that names nothing it shows goes whenever anything readers see changes.
        keys = settings.NEWSROOM_UNDECLARED_PAGE_KEYS
    else:
        keys = set(keys(response) if keys else ())
    keys = collected | set(keys)
    for name, value in cache_keys.edge_headers(keys).items():
        response[name] = value
    _make_public(response, state.version if state else None)
    if state is None:
        return
    found = stored_pages.cache_call(cache_keys.key_tokens, sorted(keys))
    if found is None:
        return
    tokens, retirements = found
    if cache_keys.retired_since(
        tokens, state.retirements, retirements
    ) or cache_keys.relied_on_retired(tokens):
        # Rendered while a change to what it shows landed, so it may show what came
        # before: the page cache does not keep it, nor does a browser. An edge fetching it
        # as the change committed might get it after the change's purge, and keep it
        # past it; so it keeps it a second (RACED_EDGE_SECONDS) and then fetches it
        # again. It is no older than any copy the edge holds, and newer than one an
        # earlier change retired: withheld, readers would be served that copy instead,
        # for as long as the app's queue takes to answer the next fetch.
        response["Cache-Control"] = (
            f"public, max-age=0, s-maxage={RACED_EDGE_SECONDS}"
            if settings.NEWSROOM_EDGE_KEY_HEADERS
            else "no-store"
        )
        return
    key = _page_key(request)
    etag, last_modified = _validators(key, state.version, tokens)
    response["ETag"], response["Last-Modified"] = etag, http_date(last_modified)
    response["X-Cache"] = "MISS"
    if _is_signed_out(request):
        # Kept with the count it was rendered at: if other keys were retired meanwhile,
        # one of its own may be being retired now, its new token not yet written.
        request.page_to_store = stored_pages.PageToStore(
            key, state.version.token, tokens, etag, last_modified, state.retirements
        )


def _public_response(view, declaration, request, *args, **kwargs):
    # Read before the view reads the database: a retirement after this point keeps the
    # page from being stored.
    state = _render_state()
    response = view(request, *args, **kwargs)
    if response.status_code != 200 or response.has_header("Cache-Control"):
        return response
    keys = declaration.keys and (lambda rendered: declaration.keys(request, rendered, **kwargs))

    def finish(rendered):
        _finish_public_response(request, state, keys, rendered)

    # A template response's keys come from its context, once rendering has read it.
    if getattr(response, "is_rendered", True):
        finish(response)
    else:
        response.add_post_render_callback(finish)
    return response


def public_page(view=None, *, params=None, keys=None):
    """Serve a public page through the shared page cache, and let browsers and an edge
    cache keep it and revalidate it with a conditional GET.

    ``params`` names the query parameters the view reads; the view sees no other (without
    it, the view sees every parameter but the tracking ones, and each query string is a
    page of its own, within ``page_params.variant_allowed``'s bound).
    ``keys(request, response, **view_kwargs)`` returns the cache keys of what the page shows
    (a template response's ``context_data`` is there to read); views may also call
    ``cache_keys.tag_page()`` while they run.

    Signed-in users (staff see previews) bypass the cache: their pages are neither read
    from it nor stored in it, and never shared downstream. Only successful pages of
    readers without a session that set no cookie are stored. Without a shared cache
    (``NEWSROOM_PAGE_CACHE`` off, or the cache server down) pages are rendered each time;
    ConditionalGetMiddleware's ETag, a hash of the page, still answers a conditional GET
    exactly.
    """
    if view is None:
        return lambda view: public_page(view, params=params, keys=keys)
    declaration = PublicPage(None if params is None else tuple(params), keys)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.is_authenticated:
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True, no_cache=True)
            return response
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        return _public_response(view, declaration, request, *args, **kwargs)

    wrapper.public_page = declaration
    return wrapper
