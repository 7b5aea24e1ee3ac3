"""RSS and Atom feeds of one journalist's articles."""

from django.conf import settings
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from institutions.articles import article_model
from newsroom.feeds import ArticlesOfFeed

from .models import Author


class AuthorArticlesFeed(ArticlesOfFeed):
    model = Author
    route = "authors:feed"

    def title(self, obj):
        return _("%(name)s: articles on %(site)s") % {
            "name": obj.name,
            "site": settings.NEWSROOM_SITE_NAME,
        }

    def description(self, obj):
        return _("The newest articles by %(name)s.") % {"name": obj.name}

    def articles(self, obj):
        return article_model().objects.published().filter(authors=obj)


class AuthorArticlesAtomFeed(AuthorArticlesFeed):
    feed_type = Atom1Feed
    route = "authors:atom_feed"
    subtitle = AuthorArticlesFeed.description
