from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, translate_url
from django.utils import translation

from .page_params import kept_per_address


def site(request):
    return {
        "site_name": settings.NEWSROOM_SITE_NAME,
        "site_url": settings.NEWSROOM_SITE_URL,
        "staff_cookie": settings.NEWSROOM_STAFF_COOKIE,
    }


# What an address is in each language depends on the address, the active language (which
# says which prefix an address is resolved with) and the URLconf alone: each process works
# it out once (three URL resolutions and reversals a page).
@kept_per_address
def _translated_paths(path, language, urlconf, script_prefix):
    return {code: translate_url(path, code) for code, _ in settings.LANGUAGES}


@receiver(setting_changed)
def _forget_translated_paths(setting, **kwargs):
    if setting in ("LANGUAGES", "ROOT_URLCONF"):
        _translated_paths.cache_clear()


def languages(request):
    """The page's address in each of the site's languages, for the language switcher and
    the hreflang alternates; none for a page that has one address only (the admin)."""
    current = translation.get_language()
    paths = _translated_paths(request.path, current, get_urlconf(), get_script_prefix())
    if len(set(paths.values())) < len(paths):
        return {"languages": []}
    return {
        "languages": [
            {"code": code, "name": name, "path": paths[code], "is_current": code == current}
            for code, name in settings.LANGUAGES
        ]
    }
