from newsroom.sitemaps import PublicSitemap

from .models import Article


class ArticleSitemap(PublicSitemap):
    def items(self):
        # An entry needs only the address and the time of the last change.
        return Article.objects.published().for_listing().only("slug", "updated_at")
