import json

from django import template
from django.template.defaultfilters import truncatechars
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from newsroom import fragments

from ..cache_keys import card_keys

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


@register.filter(is_safe=True)
def truncate(value, length):
    """Django's ``truncatechars``, without walking a text already short enough: that
    filter counts a text's characters one by one, and a page's description is truncated
    on every rendering, three times (its meta description, Open Graph and X cards)."""
    text = str(value)
    return text if len(text) <= int(length) else truncatechars(text, length)


@register.filter
def isotime(value):
    """``value`` for a ``datetime`` attribute: local time to the second with its offset.

    Django's ``date:"c"`` keeps microseconds, which HTML's grammar for times does not allow.
    """
    if not value:
        return ""
    return timezone.localtime(value).replace(microsecond=0).isoformat()


@register.simple_tag
def article_cards(articles, heading=2):
    """The cards of ``articles`` (``includes/article_card.html``, its title an ``h`` of
    ``heading``), each kept in the shared cache while what it shows is unchanged
    (``newsroom.fragments``): a list that an edit retires makes again only the edited
    article's card, and reads the others in one round trip."""
    articles = list(articles)
    language = translation.get_language()
    kept = fragments.read(
        {index: f"article-card {a.pk} {language} {heading}" for index, a in enumerate(articles)},
        # A card of an article readers cannot see changes with no key retired.
        keep=all(article.is_public for article in articles),
    )
    cards = kept.get_many(
        {
            index: (lambda article=article: _card(article, heading))
            for index, article in enumerate(articles)
        }
    )
    return mark_safe("".join(cards[index] for index in range(len(articles))))


def _card(article, heading):
    html = render_to_string("includes/article_card.html", {"article": article, "heading": heading})
    return mark_safe(html), card_keys([article])
