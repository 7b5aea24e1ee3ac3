from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Max
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property

from newsroom.site import absolute_url, site_domain, site_scheme


class PublicSitemap(Sitemap):
    """A sitemap whose addresses use the site's public address."""

    changefreq = "weekly"

    def get_domain(self, site=None):
        return site_domain()

    def get_protocol(self, protocol=None):
        return site_scheme()

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        # Django's default reads every item; the database finds the newest in one query.
        return self.items().aggregate(latest=Max("updated_at"))["latest"]

    @cached_property
    def paginator(self):
        # Counted once per request: choosing between a sitemap and an index reuses it.
        return super().paginator


def sitemap_or_index(request, sitemaps):
    """Every public address in one sitemap while they fit in one (the protocol allows
    50,000); past that, an index of the sections' sitemaps, each in pages of that size."""
    sections = {name: sitemap_class() for name, sitemap_class in sitemaps.items()}
    total = sum(section.paginator.count for section in sections.values())
    if total <= min(section.limit for section in sections.values()):
        return sitemap_views.sitemap(request, sitemaps=sections)
    return sitemap_index(request, sections)


@sitemap_views.x_robots_tag
def sitemap_index(request, sections):
    """Django's index view, but with the site's public address rather than the host the
    request came by (see ``newsroom.site``)."""
    entries = []
    for name, section in sections.items():
        location = absolute_url(reverse("sitemap_section", kwargs={"section": name}))
        lastmod = section.get_latest_lastmod()
        entries.append(sitemap_views.SitemapIndexItem(location, lastmod))
        entries += [
            sitemap_views.SitemapIndexItem(f"{location}?p={page}", lastmod)
            for page in range(2, section.paginator.num_pages + 1)
        ]
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )


class UndatedSitemap(PublicSitemap):
    """Pages whose last change no row records (indexes, profiles): no ``lastmod``."""

    def lastmod(self, item):
        return None

    def get_latest_lastmod(self):
        return None
