"""The site's public address, from ``NEWSROOM_SITE_URL``: not the host a request came by,
which behind a proxy or CDN may be an internal name."""

from urllib.parse import urlsplit

from django.conf import settings


def absolute_url(path):
    return settings.NEWSROOM_SITE_URL + path


def site_scheme():
    return urlsplit(settings.NEWSROOM_SITE_URL).scheme


def site_domain():
    return urlsplit(settings.NEWSROOM_SITE_URL).netloc
