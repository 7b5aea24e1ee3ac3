"""Request helpers for the login protection."""

from django.conf import settings


def client_ip_address(request):
    """The address a login attempt came from.

    Behind a reverse proxy, ``NEWSROOM_CLIENT_IP_HEADER`` names the header in which the
    proxy puts the client's address; the left-most entry is the client's. Without it,
    the peer address is used.
    """
    header = settings.NEWSROOM_CLIENT_IP_HEADER
    forwarded = request.META.get(header, "") if header else ""
    if forwarded:
        return forwarded.split(",")[0].strip()[:45]
    return request.META.get("REMOTE_ADDR")


def login_username(request, credentials=None):
    """The user name a login attempt used, cut to what a user name can be.

    Failed attempts are recorded under this name; an over-long name typed into the
    login form must not break the recording (and so the login page) on PostgreSQL.
    """
    source = credentials if credentials else getattr(request, "POST", {})
    username = source.get("username") or ""
    return str(username)[:150]
