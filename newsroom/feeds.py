"""What every feed of articles shares: how an item reads, with addresses made absolute so
that they name the public site.

A subclass provides the channel (``title``, ``link``, ``description``, ``feed_url``) and
``items``: objects with ``title``, ``dek``, ``byline``, ``published_at``, ``updated_at``
and ``get_absolute_url()``, at most ``FEED_LENGTH`` of them; and ``page_keys(obj)``, the
cache keys of the feed's channel and of which items it holds (each item's own key is added).
"""

from django.contrib.syndication.views import Feed

from .cache_keys import object_key, tag_page
from .site import absolute_url

FEED_LENGTH = 30


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
        return item.dek

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.byline or None
