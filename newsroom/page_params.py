"""What a public page declares (``public_page(params=..., keys=...)``) and what the page
cache does with the query string: before the view sees it, and how many it stores."""

import functools
import hashlib
import re
from collections.abc import Callable
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import QueryDict
from django.urls import Resolver404, resolve
from django.utils import timezone, translation


class PublicPage(NamedTuple):
    """What ``public_page`` declares about a view."""

    params: tuple | None
    keys: Callable | None


# Links from newsletters and social networks carry these; no page reads them.
TRACKING_PARAMS = re.compile(
    r"utm_.*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|_ga|_gl|yclid|igshid"
)


# Facts about an address each process keeps (its page's declaration, its translations):
# for this many addresses at most, and none longer than this.
ADDRESSES_KEPT = 4096
LONGEST_ADDRESS_KEPT = 300


def kept_per_address(function):
    """``function(path, *args)``, its answers kept per process (least recently used go
    first) while ``path`` is a plausible address; ``.cache_clear()`` forgets them."""
    kept = functools.lru_cache(maxsize=ADDRESSES_KEPT)(function)

    @functools.wraps(function)
    def call(path, *args):
        return (kept if len(path) <= LONGEST_ADDRESS_KEPT else function)(path, *args)

    call.cache_clear = kept.cache_clear
    return call


def declaration_of(request):
    """The ``PublicPage`` of the view the address leads to; None for any other view.

    Asked on every request, before the page cache answers: each process resolves an
    address once (a cached page then costs no URL resolution).
    """
    urlconf = getattr(request, "urlconf", None) or settings.ROOT_URLCONF
    return _kept_declaration(request.path_info, urlconf)


@kept_per_address
def _kept_declaration(path_info, urlconf):
    language = translation.get_language_from_path(path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        try:
            match = resolve(path_info, urlconf)
        except Resolver404:
            return None
    return getattr(match.func, "public_page", None)


@receiver(setting_changed)
def _forget_declarations(setting, **kwargs):
    # Tests swap URLconfs and languages; a release starts new processes.
    if setting in {"ROOT_URLCONF", "LANGUAGES", "LANGUAGE_CODE"}:
        _kept_declaration.cache_clear()


def keep_params(request, params):
    """Leave the view only the query parameters it reads (``None``: any but the tracking
    ones), in one order."""
    kept = QueryDict(mutable=True)
    if params is None:
        params = {name for name in request.GET if not TRACKING_PARAMS.fullmatch(name)}
    for name in sorted(set(params) & set(request.GET)):
        kept.setlist(name, request.GET.getlist(name))
    query = kept.urlencode()
    if query != request.META.get("QUERY_STRING", ""):
        request.META["QUERY_STRING"] = query
        request.GET = QueryDict(query)


def variant_allowed(request, timeout):
    """Whether this query string of the page may be stored now: at most
    ``NEWSROOM_PAGE_CACHE_VARIANTS`` distinct ones within ``timeout`` seconds, however many
    are asked for. A variant counted once is stored again (after an edit) freely."""
    query = request.META.get("QUERY_STRING")
    if not query:
        return True
    page = f"{timezone.localdate().isoformat()} {request.get_host()}{request.path}"
    counter = "variants:" + hashlib.sha256(page.encode()).hexdigest()
    variant = f"{counter}:{hashlib.sha256(query.encode()).hexdigest()}"
    if not cache.add(variant, 1, timeout):
        return True
    cache.add(counter, 0, timeout)
    return cache.incr(counter) <= settings.NEWSROOM_PAGE_CACHE_VARIANTS
