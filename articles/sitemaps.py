import datetime as dt

from django.conf import settings
from django.contrib.sitemaps.views import x_robots_tag
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation

from newsroom.site import absolute_url
from newsroom.sitemaps import PublicSitemap, UndatedSitemap

from .models import Article

# Google News reads articles of the last two days, at most a thousand of them.
NEWS_WINDOW = dt.timedelta(hours=48)
NEWS_LIMIT = 1000


def article_location(article):
    # An article's entry is its page in its own language: /ru/articles/… for Russian.
    with translation.override(article.language):
        return article.get_absolute_url()


class ArticleSitemap(PublicSitemap):
    def items(self):
        # An entry needs only the address, its language and the time of the last change.
        return (
            Article.objects.published()
            .order_by("-published_at", "-pk")
            .only("slug", "language", "updated_at")
        )

    def location(self, item):
        return article_location(item)


class ListingSitemap(UndatedSitemap):
    """The front page and the indexes, in each of the site's languages."""

    changefreq = "hourly"
    routes = [
        "home",
        "articles:list",
        "institutions:institution_list",
        "institutions:official_list",
        "authors:list",
    ]

    def items(self):
        return [(route, language) for route in self.routes for language, _ in settings.LANGUAGES]

    def location(self, item):
        route, language = item
        with translation.override(language):
            return reverse(route)


@x_robots_tag
def news_sitemap(request):
    """The articles of the last 48 hours in the Google News sitemap format."""
    articles = (
        Article.objects.published()
        .filter(published_at__gte=timezone.now() - NEWS_WINDOW)
        .order_by("-published_at", "-pk")
        .only("slug", "language", "title", "published_at")[:NEWS_LIMIT]
    )
    entries = [
        {
            "location": absolute_url(article_location(article)),
            "language": article.language,
            "title": article.title,
            "published_at": article.published_at,
        }
        for article in articles
    ]
    return TemplateResponse(
        request,
        "sitemap_news.xml",
        {"entries": entries, "publication": settings.NEWSROOM_SITE_NAME},
        content_type="application/xml",
    )
