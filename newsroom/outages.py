"""Bad days: what the site answers while its database cannot be reached.

A request that needs the database then gets a 503 page saying nothing was saved and to
try again (in the admin's design under ``/admin/``, the site's elsewhere), never a 500;
a signed-out reader gets the last copy of the page the page cache holds instead, however
old (stale-if-error). A save either committed before its answer went out or was not
made: the answer says which.
"""

import logging
import sys

from django.conf import settings
from django.contrib import admin
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.views import defaults

from newsroom.caching import last_stored_page

logger = logging.getLogger(__name__)

# What Django raises for a database it cannot reach or that dropped the connection (and,
# on SQLite, for a lock held past the busy timeout): nothing was written, try again.
DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30
ADMIN_PREFIX = "/admin/"


def database_unavailable(request):
    """The 503 page, in the admin's design for the admin, the site's for readers."""
    context = {
        "site_name": settings.NEWSROOM_SITE_NAME,
        "site_header": admin.site.site_header,
        "site_title": admin.site.site_title,
    }
    in_admin = request.path_info.startswith(ADMIN_PREFIX)
    template = "admin/database_unavailable.html" if in_admin else "database_unavailable.html"
    # Rendered without the request: its context processors would ask the database who
    # is signed in.
    response = HttpResponse(loader.render_to_string(template, context), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


def answer_without_database(request, error):
    logger.error("Database unavailable for %s %s: %r", request.method, request.path, error)
    return last_stored_page(request) or database_unavailable(request)


class DatabaseUnavailableMiddleware:
    """Turn a view's failure to reach the database into the stale page or the 503 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            return answer_without_database(request, exception)
        return None


def server_error(request):
    """The 500 handler: the same answers for a database failure outside a view (in a
    middleware, such as the session's), the usual 500 page for anything else."""
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_ERRORS):
        return answer_without_database(request, error)
    return defaults.server_error(request)
