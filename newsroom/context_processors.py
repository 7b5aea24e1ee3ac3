from django.conf import settings
from django.urls import translate_url
from django.utils import translation


def site(request):
    return {
        "site_name": settings.NEWSROOM_SITE_NAME,
        "site_url": settings.NEWSROOM_SITE_URL,
        "staff_cookie": settings.NEWSROOM_STAFF_COOKIE,
    }


def languages(request):
    """The page's address in each of the site's languages, for the language switcher and
    the hreflang alternates; none for a page that has one address only (the admin)."""
    current = translation.get_language()
    paths = {code: translate_url(request.path, code) for code, _ in settings.LANGUAGES}
    if len(set(paths.values())) < len(paths):
        return {"languages": []}
    return {
        "languages": [
            {"code": code, "name": name, "path": paths[code], "is_current": code == current}
            for code, name in settings.LANGUAGES
        ]
    }
