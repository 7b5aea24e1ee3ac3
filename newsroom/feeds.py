"""What every feed of articles shares: how an item reads, with addresses made absolute so
that they name the public site.

A subclass provides the channel (``title``, ``link``, ``description``, ``feed_url``) and
``items``: objects with ``title``, ``dek``, ``byline``, ``published_at``, ``updated_at``
and ``get_absolute_url()``, at most ``FEED_LENGTH`` of them.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed

from .site import absolute_url

FEED_LENGTH = 30


class ArticleFeed(Feed):
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

    def author_name(self):
        # Atom requires an author for the feed or every entry; the site speaks for
        # copy that names no one.
        return settings.NEWSROOM_SITE_NAME

    def item_author_name(self, item):
        return item.byline or settings.NEWSROOM_SITE_NAME
