"""What a public page declares (``public_page(params=..., keys=...)``) and what the page
cache does with the query string before the view sees it."""

import re
from collections.abc import Callable
from typing import NamedTuple

from django.conf import settings
from django.http import QueryDict
from django.urls import Resolver404, resolve
from django.utils import translation


class PublicPage(NamedTuple):
    """What ``public_page`` declares about a view."""

    params: tuple | None
    keys: Callable | None


# Links from newsletters and social networks carry these; no page reads them.
TRACKING_PARAMS = re.compile(
    r"utm_.*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|_ga|_gl|yclid|igshid"
)


def declaration_of(request):
    """The ``PublicPage`` of the view the address leads to; None for any other view."""
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        try:
            match = resolve(request.path_info, getattr(request, "urlconf", None))
        except Resolver404:
            return None
    return getattr(match.func, "public_page", None)


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
