"""The site's WSGI handler: Django's, with a short way through for cached pages.

A signed-out reader's request for a page the page cache holds goes only through the
middleware above ``PageCacheMiddleware`` (what every response gets: security headers,
compression), and Django's request signals are not sent: what they clean up (database
connections, the queries logged in debug, a request's URLconf, cache connections) such a
request never touches. The page is the same as Django's handler would give: the same
middleware answers it in the same order. Any other request, and one the cache cannot
answer, goes through Django's handler as if this one were not there.
"""

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.core.handlers.wsgi import WSGIHandler, get_script_name
from django.urls import set_script_prefix
from django.utils.module_loading import import_string

from .caching import PageCacheMiddleware, answer_from_cache

PAGE_CACHE_MIDDLEWARE = f"{PageCacheMiddleware.__module__}.{PageCacheMiddleware.__name__}"


class _NotCached(Exception):
    pass


def _from_cache(request):
    response = answer_from_cache(request)
    if response is None:
        raise _NotCached
    return response


def _middleware_above_the_page_cache(get_response):
    """``get_response`` wrapped in the middleware listed above the page cache's, as
    Django's handler wraps the views in all of it."""
    if PAGE_CACHE_MIDDLEWARE not in settings.MIDDLEWARE:
        return None
    handler = get_response
    for path in reversed(settings.MIDDLEWARE[: settings.MIDDLEWARE.index(PAGE_CACHE_MIDDLEWARE)]):
        try:
            handler = import_string(path)(handler)
        except MiddlewareNotUsed:
            continue
    return handler


class PageCacheWSGIHandler(WSGIHandler):
    def load_middleware(self, is_async=False):
        super().load_middleware(is_async)
        self._cached_chain = _middleware_above_the_page_cache(_from_cache)

    def __call__(self, environ, start_response):
        if (
            self._cached_chain is not None
            and settings.NEWSROOM_PAGE_CACHE
            and environ.get("REQUEST_METHOD") in ("GET", "HEAD")
        ):
            set_script_prefix(get_script_name(environ))
            try:
                response = self._cached_chain(self.request_class(environ))
            except Exception:  # not cached; or an error, which Django's handler answers
                pass
            else:
                if not response.streaming:
                    return _send(response, start_response)
        return super().__call__(environ, start_response)


def _send(response, start_response):
    """What Django's handler sends for ``response``, without closing it: closing a
    response sends ``request_finished``."""
    start_response(
        f"{response.status_code} {response.reason_phrase}",
        [
            *response.items(),
            *(("Set-Cookie", cookie.OutputString()) for cookie in response.cookies.values()),
        ],
    )
    return [response.content]
