from newsroom.sitemaps import UndatedSitemap

from .models import Section


class SectionSitemap(UndatedSitemap):
    changefreq = "hourly"

    def items(self):
        return Section.objects.order_by("position", "name", "pk")
