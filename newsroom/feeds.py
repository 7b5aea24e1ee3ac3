"""What every feed of articles shares: how an item reads, with addresses made absolute so
that they name the public site.

A subclass provides the channel (``title``, ``link``, ``description``, ``feed_url``) and
``items``: objects with ``title``, ``dek``, ``credits()`` (the names of who wrote it),
``categories()`` (what it is filed under), ``lead_picture()`` (its lead image's file,
maybe empty, first), ``published_at``, ``updated_at`` and ``get_absolute_url()``, at most
``FEED_LENGTH`` of them; and ``page_keys(obj)``, the cache keys of the feed's channel and
of which items it holds (each item's own key is added).
"""

import logging
import mimetypes

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Enclosure
from django.utils.html import escape

from .cache_keys import object_key, tag_page
from .site import absolute_url

FEED_LENGTH = 30

logger = logging.getLogger(__name__)


def file_enclosures(file):
    """The enclosure a feed entry carries for an uploaded ``file``: none without a file,
    and none when the file has gone from storage, so one lost upload cannot break a feed."""
    if not file:
        return []
    try:
        length = file.size
    except OSError:
        logger.warning("Feed enclosure left out: %s is missing from storage", file.name)
        return []
    mime_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    return [Enclosure(absolute_url(file.url), str(length), mime_type)]


class ArticleFeed(Feed):
    def page_keys(self, obj):
        return ()

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        tag_page(*self.page_keys(obj), *(item["cache_key"] for item in feed.items))
        return feed

    def item_extra_kwargs(self, item):
        # The generator keeps what it does not write: the page's keys are read back from it.
        return {**super().item_extra_kwargs(item), "cache_key": object_key(item)}

    def item_link(self, item):
        return absolute_url(item.get_absolute_url())

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # RSS descriptions and Atom summaries (type="html") are HTML to a feed reader;
        # the standfirst is text, so its "<" must reach the reader as "&lt;".
        return escape(item.dek)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def author_name(self):
        # Atom requires an author for the feed or every entry; the site speaks for
        # copy that names no one.
        return settings.NEWSROOM_SITE_NAME

    def item_author_name(self, item):
        return ", ".join(item.credits()) or settings.NEWSROOM_SITE_NAME

    def item_categories(self, item):
        return item.categories()

    def item_enclosures(self, item):
        return file_enclosures(item.lead_picture()[0])


class ArticlesOfFeed(ArticleFeed):
    """The articles of one thing with a page of its own (an author, a section).

    A subclass names ``model`` (with ``slug`` and ``get_absolute_url()``), ``route`` (the
    feed's URL name, taking the slug) and ``articles(obj)``: a queryset of the published
    articles, offering ``for_feed()``.
    """

    model = None
    route = None

    def get_object(self, request, slug):
        return get_object_or_404(self.model, slug=slug)

    def feed_url(self, obj):
        return absolute_url(reverse(self.route, kwargs={"slug": obj.slug}))

    def link(self, obj):
        return absolute_url(obj.get_absolute_url())

    def articles(self, obj):
        raise NotImplementedError

    def items(self, obj):
        return self.articles(obj).for_feed()[:FEED_LENGTH]
