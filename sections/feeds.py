"""RSS and Atom feeds of one section's articles."""

from django.conf import settings
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from institutions.articles import article_model
from newsroom.feeds import ArticlesOfFeed

from .models import Section


class SectionArticlesFeed(ArticlesOfFeed):
    model = Section
    route = "sections:feed"

    def title(self, obj):
        return _("%(name)s: articles on %(site)s") % {
            "name": obj.display_name(get_language()),
            "site": settings.NEWSROOM_SITE_NAME,
        }

    def description(self, obj):
        return obj.description or self.title(obj)

    def articles(self, obj):
        return article_model().objects.published().filter(section=obj)


class SectionArticlesAtomFeed(SectionArticlesFeed):
    feed_type = Atom1Feed
    route = "sections:atom_feed"
    subtitle = SectionArticlesFeed.description
