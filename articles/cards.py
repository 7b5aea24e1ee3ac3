"""Each published article's share card: drawn in the background, kept in the media
storage under a name that changes with what the card shows."""

import hashlib

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import translation

from newsroom import cards
from newsroom.site import absolute_url


def card_text(article):
    """What the card shows: the headline, under its section (or its type) in the article's
    language, over the site's name."""
    with translation.override(article.language):
        if article.section:
            kicker = article.section.display_name(article.language)
        else:
            kicker = str(article.get_kind_display())
    return {"headline": article.title, "kicker": kicker, "site_name": settings.NEWSROOM_SITE_NAME}


def card_name(article):
    text = card_text(article)
    digest = hashlib.sha256("\n".join(text.values()).encode()).hexdigest()[:16]
    return f"cards/{article.pk}-{digest}.png"


def draw_card(article):
    """Draw ``article``'s card unless the storage has it already."""
    name = card_name(article)
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(cards.render_card(**card_text(article))))
    return name


def card_reference(article):
    """The card's public address and size, for Open Graph and JSON-LD."""
    width, height = cards.SIZE
    with translation.override(article.language):
        url = reverse("articles:card", kwargs={"slug": article.slug})
    return {"url": absolute_url(url), "width": width, "height": height}
