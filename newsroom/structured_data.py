"""schema.org descriptions of the site itself: who publishes it and how to search it."""

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse

from newsroom.site import absolute_url

LOGO = "icons/icon-512.png"
LOGO_SIZE = 512


def publisher():
    return {
        "@type": "NewsMediaOrganization",
        "name": settings.NEWSROOM_SITE_NAME,
        "url": absolute_url("/"),
        "logo": {
            "@type": "ImageObject",
            "url": absolute_url(static(LOGO)),
            "width": LOGO_SIZE,
            "height": LOGO_SIZE,
        },
    }


def website_jsonld():
    """The front page's description: the site, its publisher and its search box."""
    search = absolute_url(reverse("search"))
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": settings.NEWSROOM_SITE_NAME,
        "url": absolute_url("/"),
        "publisher": publisher(),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{search}?q={{search_term_string}}"},
            "query-input": "required name=search_term_string",
        },
    }
