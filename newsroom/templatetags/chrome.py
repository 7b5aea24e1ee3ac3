"""``{% chrome "template" name=value ... %}``: a part of every page that shows only the
site's own links and words (the masthead, the section navigation, the footer).

Such a part is rendered once per process for each language and each set of values
passed, then served as rendered: its template sees the values passed and ``site_name``,
nothing else of the page, so it cannot show anything that varies by more. It saves every
page rendered a dozen URL reversals, the static files' hashed names and their
translations.
"""

import functools

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf
from django.utils import translation
from django.utils.safestring import mark_safe

register = template.Library()

# Parts with their values, in each language: a few dozen on a site.
PARTS_KEPT = 512


@functools.lru_cache(maxsize=PARTS_KEPT)
def _rendered(template_name, values, language, urlconf, script_prefix):
    context = {**dict(values), "site_name": settings.NEWSROOM_SITE_NAME}
    return mark_safe(render_to_string(template_name, context).rstrip("\n"))


@receiver(setting_changed)
def _forget_parts(**kwargs):
    _rendered.cache_clear()


@register.simple_tag
def chrome(template_name, **values):
    """``template_name`` rendered with ``values`` (strings, or None) in the active
    language."""
    return _rendered(
        template_name,
        tuple(sorted(values.items())),
        translation.get_language(),
        get_urlconf(),
        get_script_prefix(),
    )
