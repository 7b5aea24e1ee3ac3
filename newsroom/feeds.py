"""What every feed of articles shares: how an item reads, with addresses made absolute so
that they name the public site.

A subclass provides the channel (``title``, ``link``, ``description``, ``feed_url``) and
``items``: objects with ``title``, ``dek``, ``byline``, ``published_at``, ``updated_at``
and ``get_absolute_url()``, at most ``FEED_LENGTH`` of them.
"""

from django.contrib.syndication.views import Feed
from django.utils.html import escape

from .site import absolute_url

FEED_LENGTH = 30


class ArticleFeed(Feed):
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

    def item_author_name(self, item):
        return item.byline or None
