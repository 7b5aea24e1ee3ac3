from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The site's policy, with inline styles allowed in the admin only.

    Django's admin runs no inline scripts, so script-src stays strict there too; some of
    its widgets and our image previews set ``style`` attributes, which a strict
    style-src would strip.
    """

    admin_prefix = "/admin/"

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(self.admin_prefix):
            parts.update = {**(parts.update or {}), "style-src": [SELF, UNSAFE_INLINE]}
        return parts


class UrlLanguageMiddleware:
    """The language of a page is the one its address names (``/ru/…``, ``/kk/…``), and
    English for every address without one.

    Unlike Django's LocaleMiddleware it never reads Accept-Language or a cookie for a
    public page: the page cache stores one page per address, and a shared page must not
    take the language of whoever asked for it first. The admin, which nothing caches,
    speaks the language its editor chose (see ``admin_language``).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        is_admin = request.path_info.startswith(ContentSecurityPolicyMiddleware.admin_prefix)
        if is_admin:
            request.LANGUAGE_CODE = admin_language(request)
        else:
            language = translation.get_language_from_path(request.path_info)
            request.LANGUAGE_CODE = language or settings.LANGUAGE_CODE
        # Only for this request: the thread goes back to its language for the next one.
        with translation.override(request.LANGUAGE_CODE):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        if is_admin:
            patch_vary_headers(response, ("Cookie", "Accept-Language"))
        return response


def admin_language(request):
    """The admin's language: the one the editor chose in its header (Django's language
    cookie, which no public page reads), else the browser's preferred one among ours.

    The admin is never cached, so it may depend on who asks; the public pages may not.
    """
    return translation.get_language_from_request(request, check_path=False)


class StaffCookieMiddleware:
    """Tell the browser, in a cookie its scripts can read, that a staff member is signed
    in, so that public pages (the same cached HTML for everyone) can show staff an "Edit"
    link. The cookie grants nothing: the admin checks every request itself.

    Set and cleared on the admin's own responses (signing in and out happen there), so
    public pages never set a cookie and stay cacheable.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path_info.startswith(ContentSecurityPolicyMiddleware.admin_prefix):
            return response
        # A failed request (the database down, say) may not be able to read the session.
        if response.status_code >= 500:
            return response
        name = settings.NEWSROOM_STAFF_COOKIE
        is_staff = request.user.is_authenticated and request.user.is_staff
        if is_staff and name not in request.COOKIES:
            response.set_cookie(
                name,
                "1",
                max_age=settings.SESSION_COOKIE_AGE,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=False,
                samesite="Lax",
            )
        elif not is_staff and name in request.COOKIES:
            response.delete_cookie(name, samesite="Lax")
        return response
