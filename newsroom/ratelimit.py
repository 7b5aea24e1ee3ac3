"""Per-client limits on how fast anonymous readers may ask for expensive pages.

A search, a sitemap section or a page deep in a long list costs the database far more
than an article page, and made-up query strings make every such request miss the page
cache. Each client (by ``newsroom.security.client_ip_address``) may render
``NEWSROOM_RATE_LIMITS[scope]`` = (requests, seconds) pages of a scope per window; past
that it gets the 429 page with a Retry-After header. Pages served from the page cache
never reach the view and are not counted. Staff are never limited.

Counts live in Django's cache, so every process shares them when the cache is Redis. If
the cache cannot be reached, requests pass: a limit is a guard, not a reason to fail.
"""

import logging
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils.cache import patch_cache_control

from . import grace, inputs
from .security import client_ip_address

logger = logging.getLogger(__name__)


def seconds_to_wait(scope, client):
    """0 when ``client`` may have one more page of ``scope`` now, else the seconds until
    its window ends. Fixed windows: one counter per client, scope and window, created
    with ``add`` and counted with ``incr``, both atomic in Redis."""
    requests, seconds = settings.NEWSROOM_RATE_LIMITS[scope]
    now = time.time()
    window = int(now // seconds)
    key = f"ratelimit:{scope}:{window}:{client}"
    try:
        cache.add(key, 0, timeout=seconds + 1)
        count = cache.incr(key)
    except ValueError:  # the counter expired between the two calls: a new window
        return 0
    except Exception as error:
        logger.warning("Rate limits unavailable, not limiting: %r", error)
        return 0
    if count <= requests:
        return 0
    return max(1, int((window + 1) * seconds - now + 0.999))


def too_many_requests(request, retry_after):
    response = render(request, "429.html", {"retry_after": retry_after}, status=429)
    response["Retry-After"] = str(retry_after)
    # Another client asking the same address is not over any limit.
    patch_cache_control(response, private=True, no_store=True)
    return response


def always(request):
    return True


def deep_page(request):
    """A list page past ``NEWSROOM_RATE_LIMIT_DEEP_PAGE``: readers rarely go there,
    crawlers and scrapers do."""
    number = request.GET.get("page") or "1"
    try:
        return inputs.checked_int(number) > settings.NEWSROOM_RATE_LIMIT_DEEP_PAGE
    except inputs.OutOfRange:
        return False  # the paginator answers that with a 404 and no query


def searching(request):
    return bool(request.GET.get("q", "").strip())


def rate_limited(scope, counts=always):
    """Limit the view to ``NEWSROOM_RATE_LIMITS[scope]`` per client for the requests
    ``counts(request)`` says are expensive."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if (
                settings.NEWSROOM_RATE_LIMITS.get(scope)
                and not request.user.is_staff
                and not grace.is_refresh(request)
                and counts(request)
            ):
                wait = seconds_to_wait(scope, client_ip_address(request))
                if wait:
                    return too_many_requests(request, wait)
            return view(request, *args, **kwargs)

        return wrapper

    return decorate
