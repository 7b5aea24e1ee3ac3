from django.contrib.sitemaps import Sitemap

from .models import Institution, Official


class EntitySitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def lastmod(self, item):
        return item.updated_at


class InstitutionSitemap(EntitySitemap):
    def items(self):
        return Institution.objects.order_by("name", "pk")


class OfficialSitemap(EntitySitemap):
    def items(self):
        return Official.objects.order_by("name", "pk")
