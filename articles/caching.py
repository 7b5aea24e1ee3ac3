"""HTTP caching for public pages: short shared caching, conditional GET, no shared previews."""

from functools import wraps

from django.db.models import Max
from django.utils.cache import patch_cache_control
from django.views.decorators.http import condition

from institutions.models import Entity

from .models import Article

PUBLIC_MAX_AGE = 60
STALE_WHILE_REVALIDATE = 300


def site_last_modified(request, *args, **kwargs):
    """The newest change readers can see: an article edit or publication, or an entity edit."""
    changes = [
        Article.objects.published().last_changed(),
        Entity.objects.aggregate(changed=Max("updated_at"))["changed"],
    ]
    return max((change for change in changes if change), default=None)


def public_page(view):
    """Let browsers and a CDN keep a page briefly and revalidate it with a conditional GET.

    Staff may see what readers may not (previews), so their responses are never shared
    and never answered from a validator that ignores unpublished edits.
    """
    conditional_view = condition(last_modified_func=site_last_modified)(view)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.is_staff:
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True, no_cache=True)
            return response
        response = conditional_view(request, *args, **kwargs)
        if response.status_code == 200 and not response.has_header("Cache-Control"):
            patch_cache_control(
                response,
                public=True,
                max_age=PUBLIC_MAX_AGE,
                stale_while_revalidate=STALE_WHILE_REVALIDATE,
            )
        return response

    return wrapper
