from django.contrib.sitemaps import Sitemap

from newsroom.site import site_domain, site_scheme


class PublicSitemap(Sitemap):
    """A sitemap whose addresses use the site's public address."""

    changefreq = "weekly"

    def get_domain(self, site=None):
        return site_domain()

    def get_protocol(self, protocol=None):
        return site_scheme()

    def lastmod(self, item):
        return item.updated_at
