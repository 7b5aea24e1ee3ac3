"""Reading what a page response carries, as a crawler would."""

import json
import re

JSONLD = re.compile(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', re.S)


def jsonld_blocks(response):
    """Every JSON-LD block of ``response``, parsed."""
    return [json.loads(block) for block in JSONLD.findall(response.content.decode())]


def jsonld(response):
    """The one JSON-LD block of ``response``, parsed."""
    (block,) = jsonld_blocks(response)
    return block
