"""Reading what a page response carries, as a crawler would."""

import json
import re
import xml.etree.ElementTree as ET

from django.test import Client

JSONLD = re.compile(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', re.S)
ATOM = "{http://www.w3.org/2005/Atom}"


def read_as_reader(url):
    """The text of the page at ``url``, as a signed-out reader is served it."""
    response = Client().get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def jsonld_blocks(response):
    """Every JSON-LD block of ``response``, parsed."""
    return [json.loads(block) for block in JSONLD.findall(response.content.decode())]


def jsonld(response):
    """The one JSON-LD block of ``response``, parsed."""
    (block,) = jsonld_blocks(response)
    return block


def rss_titles(response):
    """The item titles of the RSS feed ``response``, in order."""
    return [item.findtext("title") for item in ET.fromstring(response.content).iter("item")]


def atom_titles(response):
    """The entry titles of the Atom feed ``response``, in order."""
    root = ET.fromstring(response.content)
    return [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]
