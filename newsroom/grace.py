"""Grace: a page whose keys were just retired is served as it was, for a moment, while a
background task renders it again, so that an edit never makes a reader wait.

Without it, every reader who asks for a page between an edit and its next rendering
renders it too: a popular page retired by an edit is rendered by every worker at once, and
readers of every other page queue behind them. With it, the first reader to find the page
retired queues its rendering (``refresh_page``) and is served the copy the cache holds,
as is everyone after them until the new one is stored, a few tenths of a second later.

Only a page retired by key within ``NEWSROOM_PAGE_CACHE_GRACE`` seconds is served so: one
retired longer ago (the worker is down or behind), one whose keys the cache lost, and one
from another content version are rendered for the reader, as before. A page that renders
as no page any more (unpublished, moved, an error) is dropped from the cache, so readers
are not served its old copy while it lasts.

Grace is off (0) without a task worker (development runs tasks at once, in the request)
and with an edge cache in front, which keeps its own copies in grace and must be given
current pages when it fetches one again.
"""

import io
import logging
import sys
import time

from django.conf import settings
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler, WSGIRequest
from django.http.request import split_domain_port
from django.utils import translation
from django_tasks import task

logger = logging.getLogger(__name__)

# Marks the rendering a refresh asks for: a WSGI environ key, which no client can send.
REFRESH = "newsroom.refresh"
LOCK_PREFIX = "refreshing:"


def is_refresh(request):
    """Whether ``request`` is a refresh's rendering, which the page cache must not answer."""
    return request.META.get(REFRESH) is True


def may_serve_stale(request, page_key, stored_tokens, current_tokens):
    """Whether the stored page, rendered when its keys had ``stored_tokens``, may be served
    now that they have ``current_tokens``; if so, its rendering again is queued."""
    grace = settings.NEWSROOM_PAGE_CACHE_GRACE
    if not grace:
        return False
    changed = [
        current_tokens.get(key)
        for key, token in stored_tokens.items()
        if current_tokens.get(key) != token
    ]
    if not changed or None in changed:
        return False  # the cache lost a key's token: when it was retired is not known
    if time.time() - max(token[1] for token in changed) > grace:
        return False
    # One rendering at a time for each page; the lock lasts no longer than grace.
    if cache.add(LOCK_PREFIX + page_key, 1, timeout=grace):
        try:
            refresh_page.enqueue(
                page_key,
                request.scheme,
                request.get_host(),
                request.path_info,
                request.META.get("QUERY_STRING", ""),
            )
        except Exception as error:  # the task database is down: the copy is all there is
            logger.warning("Could not queue the rendering of %s: %r", request.path, error)
            cache.delete(LOCK_PREFIX + page_key)
    return True


def _environ(scheme, host, path, query):
    """A signed-out reader's GET of the page, as the app server would hand it over."""
    name, port = split_domain_port(host)
    environ = {
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": "",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": name,
        "SERVER_PORT": port or ("443" if scheme == "https" else "80"),
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": host,
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": scheme,
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        REFRESH: True,
    }
    # Behind a proxy that terminates TLS, the header that says so.
    if scheme == "https" and settings.SECURE_PROXY_SSL_HEADER:
        header, value = settings.SECURE_PROXY_SSL_HEADER
        environ[header] = value
    return environ


_handler = None


@task()
def refresh_page(page_key, scheme, host, path, query):
    """Render a page again, as a signed-out reader's request would, which stores it (or
    drops the old copy when it is no page any more)."""
    global _handler
    if _handler is None:
        _handler = WSGIHandler()
    try:
        with translation.override(settings.LANGUAGE_CODE):
            _handler.get_response(WSGIRequest(_environ(scheme, host, path, query)))
    finally:
        cache.delete(LOCK_PREFIX + page_key)
