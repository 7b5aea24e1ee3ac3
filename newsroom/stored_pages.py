"""Pages as the page cache stores them, and as they come back out.

A stored page is a small entry (``StoredPage``: its content version's token, the tokens of
its keys, its validators, its headers) naming its bodies, which ``page_bodies`` keeps
apart: the page as rendered, with the CSP nonce it was rendered with, or, for a page
without one, with its brotli copy too. ``newsroom.caching`` says when a stored page is
current and may be served; this module only keeps it and gives it back.
"""

import base64
import logging
import os
import re
from typing import NamedTuple

from django.core.cache import cache
from django.http import HttpResponse

from . import page_bodies
from .compression import accepts_brotli, as_brotli, brotli_body
from .page_params import variant_allowed

logger = logging.getLogger(__name__)

# A retired page is never served; the timeout bounds the memory held by pages nobody asks
# for again.
PAGE_TIMEOUT = 600
# django-csp names the request's nonce in the policy it sends when, and only when, the
# page used it.
CSP_HEADERS = ("Content-Security-Policy", "Content-Security-Policy-Report-Only")
CSP_NONCE = re.compile(r"'nonce-([^']+)'")


def cache_call(method, *args):
    """``method(*args)``, a call to the cache server; None, logged, when it fails: pages
    are then served uncached rather than not at all."""
    try:
        return method(*args)
    except Exception as error:
        logger.warning("Page cache unavailable, serving pages uncached: %r", error)
        return None


class PageToStore(NamedTuple):
    """What a rendered page is stored with, decided before it leaves the view."""

    key: str
    token: str
    tokens: dict
    etag: str
    last_modified: int
    retirements: int | None


class StoredPage(NamedTuple):
    token: str
    # The names of its bodies (``page_bodies``): the page, and its brotli copy. A page
    # without a nonce is the same bytes for every reader, so its brotli copy is made once,
    # as it is stored (None when it carries a nonce or brotli gains nothing).
    bodies: tuple
    headers: list
    rendered_nonce: str | None
    tokens: dict
    etag: str
    last_modified: int
    # The count of retirements when it was stored: while it holds, no key has been retired.
    retirements: int | None


def stored_page(value):
    """The ``StoredPage`` a cache entry holds; None for none, or one stored in another
    shape by another release."""
    try:
        return StoredPage(*value)
    except TypeError:
        return None


def is_storable(request, response):
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


def store(request, page, response):
    """Keep ``response``, headers included, with the CSP nonce it was rendered with, or,
    without one, with its brotli copy.

    That nonce marks where the page's templates wrote one: it was drawn at random for
    this rendering, so no text on the page can contain it. A page without one (public
    pages write none) is the same bytes for every reader, so it is compressed once, here.
    """
    if not cache_call(variant_allowed, request, PAGE_TIMEOUT):
        return
    # The length is the served copy's own: another nonce may differ in length.
    headers = [(name, value) for name, value in response.items() if name != "Content-Length"]
    nonce = _nonce_sent(response)
    bodies, names = page_bodies.bodies_to_store(
        response.content, None if nonce else brotli_body(response.content)
    )
    entry = StoredPage(
        page.token,
        tuple(names),
        headers,
        nonce,
        page.tokens,
        page.etag,
        page.last_modified,
        page.retirements,
    )
    # In one round trip, the bodies first: a reader who finds the page finds them.
    cache_call(cache.set_many, {**bodies, page.key: tuple(entry)}, PAGE_TIMEOUT)


def _response(content, headers, rendered_nonce, status="HIT", compressed=False):
    """The stored page, with a nonce of its own in the page and its CSP header; or, for
    a page without one, its stored brotli copy as ``content`` when ``compressed``."""
    if rendered_nonce:
        nonce = base64.b64encode(os.urandom(16)).decode("ascii")
        content = content.replace(f'nonce="{rendered_nonce}"'.encode(), f'nonce="{nonce}"'.encode())
        headers = [
            (name, value.replace(f"'nonce-{rendered_nonce}'", f"'nonce-{nonce}'"))
            if name in CSP_HEADERS
            else (name, value)
            for name, value in headers
        ]
    # X-Cache tells an operator (and the benchmarks) how the page was served: HIT, or
    # STALE for a copy served in grace.
    headers = {**dict(headers), "Content-Length": len(content), "X-Cache": status}
    response = HttpResponse(content, headers=headers)
    return as_brotli(response, content) if compressed else response


def response_for(request, page, status="HIT"):
    """``page`` for ``request``, in brotli when the reader accepts it and it has that
    copy; None when the shared cache lost its body."""
    plain, compressed = page.bodies
    if compressed and accepts_brotli(request):
        compressed = cache_call(page_bodies.read, compressed)
        if compressed is not None:
            return _response(compressed, page.headers, None, status, compressed=True)
    content = cache_call(page_bodies.read, plain)
    if content is None:
        return None
    return _response(content, page.headers, page.rendered_nonce, status)
