"""The edge caches the site purges by key, and how each is asked.

- **Varnish** (``deploy/varnish/``): ``PURGE`` to ``NEWSROOM_EDGE_PURGE_URL`` with the keys
  in the ``NEWSROOM_EDGE_PURGE_HEADER`` header (``xkey``), space-separated.
- **Fastly**: its batch purge by surrogate key, ``POST {FASTLY_API_URL}/service/{id}/purge``
  with the keys in a ``Surrogate-Key`` header, up to 256 a request, the API token in
  ``Fastly-Key``. Pages carry their keys in ``Surrogate-Key``.
- **Cloudflare**: ``POST {CLOUDFLARE_API_URL}/zones/{zone}/purge_cache`` with
  ``{"tags": [...]}`` and the API token as a bearer token. Its documentation has allowed
  30 tags a request and now 100; 30 suits every account. Pages carry ``Cache-Tag``.

An edge is purged when its settings are all set (``NEWSROOM_EDGE_PURGERS`` may name the
ones to purge instead); Varnish first, so a CDN in front of it fetches a fresh page. The
settings are checked as the site starts: half a pair of credentials, or an unknown name,
raises ``ImproperlyConfigured`` naming the variable. Functions take the settings object
(``django.conf.settings``, or the settings module as it loads) so both read one rule.
"""

import json
import urllib.error
import urllib.request

from django.core.exceptions import ImproperlyConfigured

PURGE_TIMEOUT = 5


class EdgePurgeError(Exception):
    """An edge cache did not confirm a purge; the purge is tried again later."""


def batches(keys, *, count, length=None):
    """``keys`` in lists of at most ``count`` keys and, space-joined, ``length`` characters."""
    batch, used = [], 0
    for key in keys:
        if batch and (len(batch) == count or (length and used + len(key) + 1 > length)):
            yield batch
            batch, used = [], 0
        batch.append(key)
        used += len(key) + 1
    if batch:
        yield batch


def send(edge, request):
    """Send ``request`` to ``edge``; its body, or ``EdgePurgeError`` naming the edge, the
    address and what went wrong."""
    try:
        with urllib.request.urlopen(request, timeout=PURGE_TIMEOUT) as response:
            status, body = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read()
    except OSError as error:
        raise EdgePurgeError(f"{edge} purge at {request.full_url} failed: {error}") from error
    if not 200 <= status < 300:
        detail = body.decode("utf-8", "replace").strip()[:300]
        answer = f"{edge} purge at {request.full_url} answered {status}"
        raise EdgePurgeError(f"{answer}: {detail}" if detail else answer)
    return body


class Varnish:
    title = "Varnish"
    settings = ("NEWSROOM_EDGE_PURGE_URL",)
    key_header = "xkey"
    # Varnish reads request headers of up to 8 KB by default.
    header_length = 4000

    @classmethod
    def purge(cls, config, keys):
        url, header = config.NEWSROOM_EDGE_PURGE_URL, config.NEWSROOM_EDGE_PURGE_HEADER
        for batch in batches(keys, count=None, length=cls.header_length):
            headers = {header: " ".join(batch)}
            send(cls.title, urllib.request.Request(url, method="PURGE", headers=headers))


class Fastly:
    title = "Fastly"
    settings = ("FASTLY_API_TOKEN", "FASTLY_SERVICE_ID")
    key_header = "Surrogate-Key"
    keys_per_request = 256

    @classmethod
    def purge(cls, config, keys):
        url = f"{config.FASTLY_API_URL.rstrip('/')}/service/{config.FASTLY_SERVICE_ID}/purge"
        for batch in batches(keys, count=cls.keys_per_request):
            headers = {
                "Fastly-Key": config.FASTLY_API_TOKEN,
                "Surrogate-Key": " ".join(batch),
                "Accept": "application/json",
            }
            send(cls.title, urllib.request.Request(url, method="POST", headers=headers))


class Cloudflare:
    title = "Cloudflare"
    settings = ("CLOUDFLARE_API_TOKEN", "CLOUDFLARE_ZONE_ID")
    key_header = "Cache-Tag"
    keys_per_request = 30

    @classmethod
    def purge(cls, config, keys):
        api, zone = config.CLOUDFLARE_API_URL.rstrip("/"), config.CLOUDFLARE_ZONE_ID
        url = f"{api}/zones/{zone}/purge_cache"
        for batch in batches(keys, count=cls.keys_per_request):
            headers = {
                "Authorization": f"Bearer {config.CLOUDFLARE_API_TOKEN}",
                "Content-Type": "application/json",
            }
            body = json.dumps({"tags": batch}).encode()
            answer = send(cls.title, urllib.request.Request(url, body, headers, method="POST"))
            # Cloudflare says in the body whether it did it.
            try:
                succeeded = json.loads(answer).get("success") is True
            except (ValueError, AttributeError):
                succeeded = False
            if not succeeded:
                detail = answer.decode("utf-8", "replace")[:300]
                raise EdgePurgeError(f"Cloudflare purge at {url} did not succeed: {detail}")


# In the order they are purged: the one nearest the app first.
EDGES = {"varnish": Varnish, "fastly": Fastly, "cloudflare": Cloudflare}


def enabled(config):
    """The names of the edges to purge, in order, from the settings ``config``."""
    named = getattr(config, "NEWSROOM_EDGE_PURGERS", [])
    if unknown := [name for name in named if name not in EDGES]:
        raise ImproperlyConfigured(
            f"NEWSROOM_EDGE_PURGERS names {', '.join(unknown)}; use any of {', '.join(EDGES)}."
        )
    found = []
    for name, edge in EDGES.items():
        given = [setting for setting in edge.settings if getattr(config, setting, "")]
        missing = [setting for setting in edge.settings if setting not in given]
        if given and missing:
            raise ImproperlyConfigured(
                f"{given[0]} is set but {missing[0]} is not: purging {edge.title} needs both."
            )
        if name in named and missing:
            raise ImproperlyConfigured(
                f"NEWSROOM_EDGE_PURGERS names {name}, but {missing[0]} is not set."
            )
        if not missing and (name in named or not named):
            found.append(name)
    return found


def key_headers(given, edges):
    """The key headers pages carry: ``given`` (NEWSROOM_EDGE_KEY_HEADERS), else those the
    purged ``edges`` read. An edge purged by keys its pages never carry retires nothing."""
    if not given:
        return [EDGES[name].key_header for name in edges]
    for name in edges:
        if EDGES[name].key_header not in given:
            raise ImproperlyConfigured(
                f"NEWSROOM_EDGE_KEY_HEADERS leaves out {EDGES[name].key_header}, which "
                f"{EDGES[name].title} reads: its pages would carry no keys to purge them by."
            )
    return given


def purge(config, keys):
    """Ask every edge to purge to drop the pages carrying any of ``keys``."""
    for name in enabled(config):
        EDGES[name].purge(config, sorted(keys))
