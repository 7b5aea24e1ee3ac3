from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import TemplateView

from api.api import api
from articles import feeds
from articles import views as article_views
from articles.sitemaps import ArticleSitemap
from institutions.sitemaps import InstitutionSitemap, OfficialSitemap
from newsroom.caching import public_page
from newsroom.sitemaps import sitemap_or_index

admin.site.site_header = "Newsroom administration"
admin.site.site_title = "Newsroom admin"
admin.site.index_title = "Articles, institutions and officials"

sitemaps = {
    "articles": ArticleSitemap,
    "institutions": InstitutionSitemap,
    "officials": OfficialSitemap,
}


# The reader's pages in English keep their addresses; in Russian and Kazakh they sit
# under /ru/ and /kk/. Feeds, sitemaps and the admin have one address each.
urlpatterns = i18n_patterns(
    path("", public_page(article_views.HomeView.as_view()), name="home"),
    path("search/", public_page(article_views.SearchView.as_view()), name="search"),
    path("articles/", include("articles.urls")),
    path("", include("institutions.urls")),
    prefix_default_language=False,
)
urlpatterns += [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("feeds/articles/rss/", public_page(feeds.LatestArticlesFeed()), name="feed_rss"),
    path("feeds/articles/atom/", public_page(feeds.LatestArticlesAtomFeed()), name="feed_atom"),
    path("sitemap.xml", public_page(sitemap_or_index), {"sitemaps": sitemaps}, name="sitemap"),
    path(
        "sitemap-<section>.xml",
        public_page(sitemap),
        {"sitemaps": sitemaps},
        name="sitemap_section",
    ),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
