"""RSS and Atom feeds: the whole site's latest articles, and each entity's."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from institutions.models import Entity

from .models import Article

FEED_LENGTH = 30


class LatestArticlesFeed(Feed):
    description_template = None

    def title(self):
        return f"{settings.NEWSROOM_SITE_NAME}: latest articles"

    def link(self):
        return reverse("articles:list")

    def description(self):
        return f"The newest articles published by {settings.NEWSROOM_SITE_NAME}."

    def items(self):
        return Article.objects.published().for_listing()[:FEED_LENGTH]

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


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()


class EntityArticlesFeed(LatestArticlesFeed):
    """Articles naming one institution or official; the route says which kind."""

    def get_object(self, request, slug, kind):
        return get_object_or_404(Entity, slug=slug, kind=kind)

    def title(self, obj):
        return f"{obj.name}: articles on {settings.NEWSROOM_SITE_NAME}"

    def link(self, obj):
        return obj.get_absolute_url()

    def description(self, obj):
        return f"The newest articles that mention {obj.name}."

    def items(self, obj):
        return Article.objects.published().mentioning(obj).for_listing()[:FEED_LENGTH]


class EntityArticlesAtomFeed(EntityArticlesFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)
