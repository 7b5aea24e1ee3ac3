"""The read API: one NinjaAPI, its rules for every operation, and its routers.

Every operation is a public page (``newsroom.caching.public_page``): signed-out
clients are served from the shared page cache, with ETag and Last-Modified, and a
conditional GET ends in 304. Responses carry CORS headers so any site may read them.
Clients that reach the application (not the cache) are rate-limited per address.
"""

from functools import wraps

from django.conf import settings
from ninja import NinjaAPI
from ninja.throttling import AnonRateThrottle

from newsroom.caching import public_page
from newsroom.security import client_ip_address

# Read by browsers on other sites: the validators, so a script can revalidate.
EXPOSED_HEADERS = "ETag, Last-Modified, Retry-After"


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
