"""Compressed responses: brotli where the client accepts it, else gzip.

Goes near the top of the middleware, above the page cache, so a page is stored
uncompressed and compressed on its way out. A stored page the same for every reader (it
carries no CSP nonce, as public pages do not) is stored with its brotli copy too, made
once, and served as stored (``newsroom.caching``).
"""

import re

import brotli
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_vary_headers

ACCEPTS_BROTLI = re.compile(r"\bbr\b(?!\s*;\s*q=0(\.0*)?\s*(,|$))")
# Fast enough to compress a page as it leaves (about a millisecond for an article page)
# and still smaller than gzip's best.
BROTLI_QUALITY = 5
MIN_LENGTH = 200


def accepts_brotli(request):
    return ACCEPTS_BROTLI.search(request.META.get("HTTP_ACCEPT_ENCODING", "")) is not None


def brotli_body(content):
    """``content`` in brotli, or None when it is too short to gain or gains nothing."""
    if len(content) < MIN_LENGTH:
        return None
    compressed = brotli.compress(content, quality=BROTLI_QUALITY)
    return compressed if len(compressed) < len(content) else None


def as_brotli(response, compressed):
    """``response`` carrying ``compressed``, its content in brotli."""
    patch_vary_headers(response, ("Accept-Encoding",))
    response.content = compressed
    response["Content-Length"] = str(len(compressed))
    # The bytes differ from the uncompressed page's: a strong ETag would claim otherwise.
    if response.get("ETag", "").startswith('"'):
        response["ETag"] = "W/" + response["ETag"]
    response["Content-Encoding"] = "br"
    return response


class CompressionMiddleware(GZipMiddleware):
    """Django's gzip, whose random padding guards pages holding a secret (a CSRF token)
    against BREACH, and brotli for public pages, which hold none."""

    def process_response(self, request, response):
        if (
            response.streaming
            or response.has_header("Content-Encoding")
            or "public" not in response.get("Cache-Control", "")
            or not accepts_brotli(request)
        ):
            return super().process_response(request, response)
        compressed = brotli_body(response.content)
        if compressed is None:
            return super().process_response(request, response)
        return as_brotli(response, compressed)
