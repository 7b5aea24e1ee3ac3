"""Compressed responses: brotli where the client accepts it, else gzip.

Goes near the top of the middleware, above the page cache, so a page is stored once,
uncompressed (each copy served carries a nonce of its own), and compressed on its way out.
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


class CompressionMiddleware(GZipMiddleware):
    """Django's gzip, whose random padding guards pages holding a secret (a CSRF token)
    against BREACH, and brotli for public pages, which hold none."""

    def process_response(self, request, response):
        if (
            response.streaming
            or len(response.content) < MIN_LENGTH
            or response.has_header("Content-Encoding")
            or "public" not in response.get("Cache-Control", "")
            or not ACCEPTS_BROTLI.search(request.META.get("HTTP_ACCEPT_ENCODING", ""))
        ):
            return super().process_response(request, response)
        patch_vary_headers(response, ("Accept-Encoding",))
        compressed = brotli.compress(response.content, quality=BROTLI_QUALITY)
        if len(compressed) >= len(response.content):
            return response
        response.content = compressed
        response["Content-Length"] = str(len(compressed))
        # The bytes differ from the uncompressed page's: a strong ETag would claim otherwise.
        if response.get("ETag", "").startswith('"'):
            response["ETag"] = "W/" + response["ETag"]
        response["Content-Encoding"] = "br"
        return response
