"""RSS and Atom feeds of the whole site's latest articles."""

from django.conf import settings
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from newsroom.feeds import FEED_LENGTH, ArticleFeed
from newsroom.site import absolute_url

from .cache_keys import ARTICLES
from .models import Article


class LatestArticlesFeed(ArticleFeed):
    route = "feed_rss"

    def page_keys(self, language):
        return [ARTICLES]

    def get_object(self, request, *args, **kwargs):
        # ``?language=ru`` narrows the feed to the articles written in that language.
        language = request.GET.get("language", "")
        return language if language in dict(settings.LANGUAGES) else None

    def feed_url(self, language):
        return absolute_url(reverse(self.route) + (f"?language={language}" if language else ""))

    def title(self):
        return _("%(site)s: latest articles") % {"site": settings.NEWSROOM_SITE_NAME}

    def link(self):
        return absolute_url(reverse("articles:list"))

    def description(self):
        return _("The newest articles published by %(site)s.") % {
            "site": settings.NEWSROOM_SITE_NAME
        }

    def items(self, language):
        articles = Article.objects.published().for_feed()
        if language:
            articles = articles.in_language(language)
        return articles[:FEED_LENGTH]


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed
    route = "feed_atom"

    def subtitle(self):
        return self.description()
