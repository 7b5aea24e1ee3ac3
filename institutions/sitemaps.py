from newsroom.sitemaps import PublicSitemap

from .models import Institution, Official


class InstitutionSitemap(PublicSitemap):
    def items(self):
        return Institution.objects.order_by("name", "pk")


class OfficialSitemap(PublicSitemap):
    def items(self):
        return Official.objects.order_by("name", "pk")
