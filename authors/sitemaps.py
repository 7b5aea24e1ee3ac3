from newsroom.sitemaps import UndatedSitemap

from .models import Author


class AuthorSitemap(UndatedSitemap):
    def items(self):
        return Author.objects.order_by("name", "pk")
