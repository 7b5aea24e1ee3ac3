"""RSS and Atom feeds of the whole site's latest articles."""

from django.conf import settings
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from newsroom.feeds import FEED_LENGTH, ArticleFeed
from newsroom.site import absolute_url

from .models import Article


class LatestArticlesFeed(ArticleFeed):
    route = "feed_rss"

    def feed_url(self):
        return absolute_url(reverse(self.route))

    def title(self):
        return f"{settings.NEWSROOM_SITE_NAME}: latest articles"

    def link(self):
        return absolute_url(reverse("articles:list"))

    def description(self):
        return f"The newest articles published by {settings.NEWSROOM_SITE_NAME}."

    def items(self):
        return Article.objects.published().for_listing()[:FEED_LENGTH]


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed
    route = "feed_atom"

    def subtitle(self):
        return self.description()
