"""The client's address, and the user name of a login attempt."""

import ipaddress
import logging

from django.conf import settings

logger = logging.getLogger(__name__)


def forwarded_addresses(header, value):
    """The addresses a proxy header lists, left (first hop) to right (last hop).

    ``X-Forwarded-For``-style headers list bare addresses; the standard ``Forwarded``
    header lists ``for=`` parameters, possibly quoted, bracketed and with a port.
    """
    if header != "HTTP_FORWARDED":
        return [part.strip() for part in value.split(",")]
    addresses = []
    for element in value.split(","):
        for pair in element.split(";"):
            name, _, found = pair.strip().partition("=")
            if name.lower() == "for":
                found = found.strip('"')
                if found.startswith("["):
                    found = found[1:].partition("]")[0]
                elif found.count(":") == 1:
                    found = found.partition(":")[0]
                addresses.append(found)
    return addresses


def client_ip_address(request):
    """The address a request came from, for the login lockout, rate limits and logs.

    Without ``NEWSROOM_CLIENT_IP_HEADER`` it is the peer address. With it, each of the
    ``NEWSROOM_TRUSTED_PROXIES`` proxies in front of the site appended the address it
    saw to the header: the client's is the one that many entries from the right. The
    entries to its left are whatever the client sent, so they are never read. A header
    shorter than that, or an entry that is not an address, means the request did not
    come through the proxies as configured; the peer address is used then.
    """
    peer = request.META.get("REMOTE_ADDR")
    header = settings.NEWSROOM_CLIENT_IP_HEADER
    if not header:
        return peer
    addresses = forwarded_addresses(header, request.META.get(header, ""))
    trusted = settings.NEWSROOM_TRUSTED_PROXIES
    if len(addresses) < trusted:
        return peer
    try:
        return str(ipaddress.ip_address(addresses[-trusted]))
    except ValueError:
        logger.warning("%s holds no address where the client's should be.", header)
        return peer


def login_username(request, credentials=None):
    """The user name a login attempt used, cut to what a user name can be.

    Failed attempts are recorded under this name; an over-long name typed into the
    login form must not break the recording (and so the login page) on PostgreSQL.
    """
    source = credentials if credentials else getattr(request, "POST", {})
    username = source.get("username") or ""
    return str(username)[:150]
