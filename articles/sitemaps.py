from django.utils import translation

from newsroom.sitemaps import PublicSitemap

from .models import Article


class ArticleSitemap(PublicSitemap):
    def items(self):
        # An entry needs only the address, its language and the time of the last change.
        # An address needs no lead image.
        listing = Article.objects.published().for_listing().select_related(None)
        return listing.only("slug", "language", "updated_at")

    def location(self, item):
        # An article's entry is its page in its own language: /ru/articles/… for Russian.
        with translation.override(item.language):
            return item.get_absolute_url()
