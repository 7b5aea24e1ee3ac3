"""Read replicas: readers' pages read from a replica, everything else from the primary.

With ``DATABASE_REPLICA_URLS`` set, the settings name each replica ``replica<N>`` and
install ``ReplicaRouter``. A request from someone with a session (an editor, a reporter)
reads from the primary throughout, and so does any request once it has written: an
editor always sees what they just saved, however far a replica lags. Readers without a
session read from a replica chosen at random; their pages may lag the primary by the
replica's delay.
"""

import contextvars
import random

from django.conf import settings

REPLICA_PREFIX = "replica"

_on_primary = contextvars.ContextVar("reads_on_primary", default=True)


def replicas():
    return [alias for alias in settings.DATABASES if alias.startswith(REPLICA_PREFIX)]


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        found = replicas()
        if _on_primary.get() or not found:
            return "default"
        return random.choice(found)

    def db_for_write(self, model, **hints):
        # What this request reads from now on must include what it writes.
        _on_primary.set(True)
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"


class ReplicaReadsMiddleware:
    """Send a request's reads to a replica when it comes from a reader without a session.

    Outside a request (commands, the task worker) reads stay on the primary.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        has_session = settings.SESSION_COOKIE_NAME in request.COOKIES
        token = _on_primary.set(has_session or request.method not in ("GET", "HEAD"))
        try:
            return self.get_response(request)
        finally:
            _on_primary.reset(token)
