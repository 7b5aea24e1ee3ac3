"""The read API: one NinjaAPI, its rules for every operation, and its routers.

Every operation is a public page (``newsroom.caching.public_page``): signed-out
clients are served from the shared page cache, with ETag and Last-Modified, and a
conditional GET ends in 304. Responses carry CORS headers so any site may read them.
Clients that reach the application (not the cache) are rate-limited per address.
"""

from functools import wraps

from django.conf import settings
from django.http import HttpResponse
from django.urls import path
from ninja import NinjaAPI
from ninja.throttling import AnonRateThrottle

from newsroom.caching import public_page
from newsroom.page_params import PublicPage
from newsroom.security import client_ip_address

# Read by browsers on other sites: the validators, so a script can revalidate.
EXPOSED_HEADERS = "ETag, Last-Modified, Retry-After"
# What a script on another site may send: its conditional GET's validators, which make
# the browser ask first (a preflight).
ALLOWED_HEADERS = "If-None-Match, If-Modified-Since"
PREFLIGHT_MAX_AGE = 86400  # seconds a browser may keep a preflight's answer
# The addresses that are not resources: the schema, its docs page, the API's root.
NOT_RESOURCES = {"openapi-json", "openapi-view", "api-root"}


class ClientRateThrottle(AnonRateThrottle):
    """Requests per client address (behind a proxy, the header the login lockout trusts),
    counted in the default cache, which every application process shares."""

    def get_ident(self, request):
        return client_ip_address(request)


def allow_cross_origin_reads(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
        return response

    return wrapper


def answer_preflight(view):
    """Answer a browser's CORS preflight (``OPTIONS`` with
    ``Access-Control-Request-Method``) for a read; anything else goes to ``view``."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "OPTIONS" or "access-control-request-method" not in request.headers:
            return view(request, *args, **kwargs)
        response = HttpResponse(status=204)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
        response["Access-Control-Max-Age"] = PREFLIGHT_MAX_AGE
        return response

    return wrapper


api = NinjaAPI(
    title="Newsroom API",
    version="1",
    description=(
        "Published articles with the institutions and officials they mention, the "
        "registry of institutions and officials, and open data (Popolo, the mentions "
        "graph). Read-only; drafts never appear."
    ),
    urls_namespace="api",
    throttle=[ClientRateThrottle(settings.NEWSROOM_API_RATE)],
    # The schema too, so that tools on other sites (a Swagger UI, a client generator)
    # can read it.
    docs_decorator=allow_cross_origin_reads,
)
# Outermost first: the CORS headers go on cached pages and 304s too.
api.add_decorator(public_page, mode="view")
api.add_decorator(allow_cross_origin_reads, mode="view")

api.add_router("/", "api.articles.router")
api.add_router("/", "api.entities.router")
api.add_router("/", "api.opendata.router")


def urls():
    """The API's addresses for the URLconf: ``api.urls``, each resource answering
    preflights and marked as the public page its operations are, so that the page cache
    answers a reader before the API runs, as it does for the site's pages."""
    patterns, app_name, namespace = api.urls
    routes = []
    for pattern in patterns:
        view = pattern.callback
        if pattern.name not in NOT_RESOURCES:
            view = answer_preflight(view)
            # What ``public_page`` without arguments declares, as it wraps each operation.
            view.public_page = PublicPage(params=None, keys=None)
        routes.append(path(str(pattern.pattern), view, name=pattern.name))
    return routes, app_name, namespace
