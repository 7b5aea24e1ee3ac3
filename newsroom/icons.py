"""The site's icons for browsers and home screens: ``/favicon.ico``, which browsers ask
for whether a page names it or not, and the web app manifest."""

from django.conf import settings
from django.http import HttpResponseRedirect, JsonResponse
from django.templatetags.static import static
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

# The masthead's accent colour (``--accent`` in site.css), for the browser's own chrome.
THEME_COLOR = "#9b1c1c"
BACKGROUND_COLOR = "#ffffff"

MANIFEST_ICONS = [
    ("icons/icon-192.png", "192x192", "any"),
    ("icons/icon-512.png", "512x512", "any"),
    ("icons/icon-512-maskable.png", "512x512", "maskable"),
]


@require_safe
@cache_control(public=True, max_age=86400)
def favicon(request):
    # Not permanent: the file's hashed static address changes when the icon does.
    return HttpResponseRedirect(static("icons/favicon.ico"))


@require_safe
@cache_control(public=True, max_age=86400)
def manifest(request):
    return JsonResponse(
        {
            "name": settings.NEWSROOM_SITE_NAME,
            "short_name": settings.NEWSROOM_SITE_NAME,
            "start_url": "/",
            "scope": "/",
            "display": "browser",
            "theme_color": THEME_COLOR,
            "background_color": BACKGROUND_COLOR,
            "icons": [
                {"src": static(src), "sizes": sizes, "type": "image/png", "purpose": purpose}
                for src, sizes, purpose in MANIFEST_ICONS
            ],
        },
        content_type="application/manifest+json",
        json_dumps_params={"ensure_ascii": False},
    )
