"""The articles this app's pages list, reached through the app registry.

The articles app depends on this one (its mentions point at ``Entity``), so this app
never imports it; like ``AUTH_USER_MODEL``, a setting names the model instead.
"""

from django.apps import apps
from django.conf import settings


def article_model():
    """The model ``settings.NEWSROOM_ARTICLE_MODEL`` names.

    Entity pages, feeds and counts rely on this much of it: ``title``, ``dek``,
    ``credits()``, ``published_at``, ``updated_at`` and ``get_absolute_url()`` (what a feed
    item shows), and a default manager whose querysets offer

    - ``published()``: what readers may see;
    - ``mentioning(entity)``: articles that publicly name ``entity`` (an entity or an
      expression of its primary key, such as ``OuterRef("pk")``), one row per article;
    - ``with_snippet_for(entity)``: annotates ``snippet``, the sentence naming ``entity``;
    - ``for_listing()``: the columns a list of articles shows, newest first;
    - ``for_feed()``: the same with what a feed entry names (``credits()``, its authors);
    - ``date_span()``: ``{"first": ..., "last": ...}`` publication times;
    - ``entity_mention_lookups()``: lookups on ``Entity`` that select the entities
      publicly named in these articles, each match one row per article naming it
      (``Entity.objects.named_in(**articles.entity_mention_lookups())``).
    """
    return apps.get_model(settings.NEWSROOM_ARTICLE_MODEL)
