from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from django.views.i18n import set_language

from api.api import urls as api_urls
from articles import cache_keys as article_keys
from articles import feeds
from articles import views as article_views
from articles.sitemaps import ArticleSitemap, ListingSitemap, news_sitemap
from authors.sitemaps import AuthorSitemap
from institutions import cache_keys as entity_keys
from institutions.sitemaps import InstitutionSitemap, OfficialSitemap
from newsroom import icons
from newsroom.caching import public_page
from newsroom.ratelimit import rate_limited, searching
from newsroom.sitemaps import sitemap_or_index
from sections.sitemaps import SectionSitemap

# A database that cannot be reached, even from a middleware, is a 503, not a 500.
handler500 = "newsroom.outages.server_error"

admin.site.site_header = _("Newsroom administration")
admin.site.site_title = _("Newsroom admin")
admin.site.index_title = _("Articles, institutions and officials")

sitemaps = {
    "pages": ListingSitemap,
    "articles": ArticleSitemap,
    "institutions": InstitutionSitemap,
    "officials": OfficialSitemap,
    "sections": SectionSitemap,
    "authors": AuthorSitemap,
}
sitemap_keys = {
    "articles": article_keys.SITEMAP_KEYS,
    "institutions": entity_keys.sitemap_keys(),
    "officials": entity_keys.sitemap_keys(),
}


def sitemap_page_keys(request, response, sitemaps, section=None):
    """A section's sitemap shows its own objects; the whole one (or its index) all."""
    chosen = [section] if section in sitemap_keys else sitemap_keys
    return {key for name in chosen for key in sitemap_keys[name]}


# The reader's pages in English keep their addresses; in Russian and Kazakh they sit
# under /ru/ and /kk/. Feeds, sitemaps and the admin have one address each.
urlpatterns = i18n_patterns(
    path(
        "",
        public_page(article_views.HomeView.as_view(), params=(), keys=article_keys.home_keys),
        name="home",
    ),
    path(
        "search/",
        rate_limited("search", searching)(
            public_page(
                article_views.SearchView.as_view(),
                params=["q", "page"],
                keys=article_keys.search_keys,
            )
        ),
        name="search",
    ),
    path("articles/", include("articles.urls")),
    path("", include("institutions.urls")),
    path("authors/", include("authors.urls")),
    path("sections/", include("sections.urls")),
    path("alerts/", include("alerts.urls")),
    prefix_default_language=False,
)
urlpatterns += [
    # The admin's language switch (its header's form): sets Django's language cookie, which
    # only the admin reads.
    path("admin/language/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("api/v1/", api_urls()),
    path(
        "feeds/articles/rss/",
        public_page(feeds.LatestArticlesFeed(), params=["language"]),
        name="feed_rss",
    ),
    path(
        "feeds/articles/atom/",
        public_page(feeds.LatestArticlesAtomFeed(), params=["language"]),
        name="feed_atom",
    ),
    path(
        "sitemap.xml",
        rate_limited("sitemap")(public_page(sitemap_or_index, params=(), keys=sitemap_page_keys)),
        {"sitemaps": sitemaps},
        name="sitemap",
    ),
    path(
        "sitemap-news.xml",
        rate_limited("sitemap")(public_page(news_sitemap, params=())),
        name="sitemap_news",
    ),
    path(
        "sitemap-<section>.xml",
        rate_limited("sitemap")(public_page(sitemap, params=["p"], keys=sitemap_page_keys)),
        {"sitemaps": sitemaps},
        name="sitemap_section",
    ),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    path("favicon.ico", icons.favicon, name="favicon"),
    path("manifest.webmanifest", icons.manifest, name="manifest"),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
