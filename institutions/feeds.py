"""RSS and Atom feeds of the articles naming one institution or official."""

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from newsroom.cache_keys import object_key
from newsroom.feeds import FEED_LENGTH, ArticleFeed
from newsroom.site import absolute_url

from .articles import article_model
from .cache_keys import articles_key
from .models import Entity


class EntityArticlesFeed(ArticleFeed):
    """The route says which kind of entity the slug names."""

    route = "feed"

    def feed_url(self, obj):
        return absolute_url(
            reverse(f"institutions:{obj.kind}_{self.route}", kwargs={"slug": obj.slug})
        )

    def page_keys(self, obj):
        return [object_key(obj), articles_key(obj.pk)]

    def get_object(self, request, slug, kind):
        return get_object_or_404(Entity, slug=slug, kind=kind)

    def title(self, obj):
        return _("%(name)s: articles on %(site)s") % {
            "name": obj.display_name(get_language()),
            "site": settings.NEWSROOM_SITE_NAME,
        }

    def link(self, obj):
        return absolute_url(obj.get_absolute_url())

    def description(self, obj):
        return _("The newest articles that mention %(name)s.") % {
            "name": obj.display_name(get_language())
        }

    def items(self, obj):
        return article_model().objects.published().mentioning(obj).for_feed()[:FEED_LENGTH]


class EntityArticlesAtomFeed(EntityArticlesFeed):
    feed_type = Atom1Feed
    route = "atom_feed"

    def subtitle(self, obj):
        return self.description(obj)
