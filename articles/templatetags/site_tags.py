import json

from django import template
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

register = template.Library()

# What could close the script element or open an HTML comment inside it.
SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def jsonld(data):
    """Serialise ``data`` for a ``<script type="application/ld+json">`` element."""
    return mark_safe(json.dumps(data, ensure_ascii=False, sort_keys=True).translate(SCRIPT_ESCAPES))


@register.filter
def localized_name(entity):
    """The entity's name in the language of the page."""
    return entity.display_name(translation.get_language())


@register.filter
def localized_summary(entity):
    return entity.display_summary(translation.get_language())


@register.filter
def isotime(value):
    """``value`` for a ``datetime`` attribute: local time to the second with its offset.

    Django's ``date:"c"`` keeps microseconds, which HTML's grammar for times does not allow.
    """
    if not value:
        return ""
    return timezone.localtime(value).replace(microsecond=0).isoformat()
