from newsroom.sitemaps import PublicSitemap

from .models import Article


class ArticleSitemap(PublicSitemap):
    def items(self):
        return Article.objects.published().for_listing()
