import functools

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, translate_url
from django.utils import translation

# Addresses whose translations each process keeps, and the longest it keeps them for.
TRANSLATIONS_KEPT = 4096
LONGEST_ADDRESS_KEPT = 300


def site(request):
    return {
        "site_name": settings.NEWSROOM_SITE_NAME,
        "site_url": settings.NEWSROOM_SITE_URL,
        "staff_cookie": settings.NEWSROOM_STAFF_COOKIE,
    }


def _translated_paths(path, language, urlconf, script_prefix):
    # ``language``: the active one, which says which prefix an address is resolved with.
    return {code: translate_url(path, code) for code, _ in settings.LANGUAGES}


# What an address is in each language depends on the address, the active language and
# the URLconf alone: each process works it out once (three URL resolutions and reversals a page).
_kept_translated_paths = functools.lru_cache(maxsize=TRANSLATIONS_KEPT)(_translated_paths)


@receiver(setting_changed)
def _forget_translated_paths(setting, **kwargs):
    if setting in ("LANGUAGES", "ROOT_URLCONF"):
        _kept_translated_paths.cache_clear()


def languages(request):
    """The page's address in each of the site's languages, for the language switcher and
    the hreflang alternates; none for a page that has one address only (the admin)."""
    current = translation.get_language()
    translate = (
        _kept_translated_paths if len(request.path) <= LONGEST_ADDRESS_KEPT else _translated_paths
    )
    paths = translate(request.path, current, get_urlconf(), get_script_prefix())
    if len(set(paths.values())) < len(paths):
        return {"languages": []}
    return {
        "languages": [
            {"code": code, "name": name, "path": paths[code], "is_current": code == current}
            for code, name in settings.LANGUAGES
        ]
    }
