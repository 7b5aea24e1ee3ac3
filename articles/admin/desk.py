"""The desk around the change form: autosave, the live version check, the live preview
and share links. The scripts that call these views are ``static/admin/desk.js`` and
``static/admin/editor.js``; without them the form is Django's own.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .. import desk
from ..linking.services import render_unsaved
from ..models import Article, ShareLink
from ..views import reader_context

# How often the form autosaves and asks whether someone else saved, in milliseconds.
AUTOSAVE_EVERY = 3000
VERSION_CHECK_EVERY = 5000


def _when(moment):
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


class DeskViewsMixin:
    """Adds the desk's views to the article admin and their context to its forms."""

    def get_urls(self):
        view = self.admin_site.admin_view
        new = {"object_id": None}
        return [
            path(
                "add/autosave/",
                view(self.autosave_view),
                new,
                name="articles_article_autosave_new",
            ),
            path(
                "add/preview/",
                view(require_POST(self.preview_view)),
                new,
                name="articles_article_preview_new",
            ),
            path(
                "<path:object_id>/autosave/",
                view(self.autosave_view),
                name="articles_article_autosave",
            ),
            path(
                "<path:object_id>/version/",
                view(require_GET(self.version_view)),
                name="articles_article_version",
            ),
            path(
                "<path:object_id>/preview/",
                view(require_POST(self.preview_view)),
                name="articles_article_preview",
            ),
            path(
                "<path:object_id>/share/",
                view(require_POST(self.share_view)),
                name="articles_article_share",
            ),
            path(
                "<path:object_id>/share/<int:link_id>/revoke/",
                view(require_POST(self.revoke_view)),
                name="articles_article_share_revoke",
            ),
            *super().get_urls(),
        ]

    def _desk_article(self, request, object_id, *, write):
        """The article ``object_id`` names (None for a new one), if the user may read it,
        or write it when ``write``."""
        if object_id is None:
            if not self.has_add_permission(request):
                raise PermissionDenied
            return None
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404("No such article.")
        allowed = (
            self.has_change_permission(request, article)
            if write
            else self.has_view_or_change_permission(request, article)
        )
        if not allowed:
            raise PermissionDenied
        return article

    def desk_context(self, request, article):
        """What the change form (or, for None, the add form) shows around the fields."""
        user = request.user
        if article is None:
            urls = {
                "autosave": reverse("admin:articles_article_autosave_new"),
                "preview": reverse("admin:articles_article_preview_new"),
            }
        else:
            urls = {
                name: reverse(f"admin:articles_article_{name}", args=[article.pk])
                for name in ("autosave", "preview", "version")
            }
        context = {
            "desk_urls": urls,
            # A form posted back with errors already holds the editor's text.
            "desk_draft": desk.draft_for(article=article, user=user)
            if request.method == "GET"
            else None,
            "desk_autosave_every": AUTOSAVE_EVERY,
            "desk_version_check_every": VERSION_CHECK_EVERY,
            # The admin's own "site_url" is its "View site" link, not the public address.
            "desk_site_url": settings.NEWSROOM_SITE_URL,
        }
        if article is not None and not article.is_public:
            links = article.share_links.active().select_related("created_by").order_by("expires_at")
            for link in links:
                link.url = request.build_absolute_uri(link.get_absolute_url())
            context["share_links"] = links
            context["share_lifetimes"] = ShareLink.LIFETIMES
        return context

    def autosave_view(self, request, object_id):
        """GET: the user's autosaved form as JSON. POST: keep the posted form as it;
        with ``discard``, forget it."""
        article = self._desk_article(request, object_id, write=request.method == "POST")
        if request.method == "GET":
            draft = desk.draft_for(article=article, user=request.user)
            if draft is None:
                return JsonResponse({"error": "Nothing was autosaved."}, status=404)
            return JsonResponse(
                {
                    "fields": draft.fields,
                    "based_on_version": draft.based_on_version,
                    "saved_at": _when(draft.saved_at),
                }
            )
        if request.method != "POST":
            return JsonResponse({"error": "Use GET or POST."}, status=405)
        if "discard" in request.POST:
            desk.draft_discard(article=article, user=request.user)
            return JsonResponse({"discarded": True})
        based_on = request.POST.get("based_on_version", "")
        if not based_on.isdigit():
            return JsonResponse({"error": "based_on_version must be a whole number."}, status=400)
        draft = desk.draft_autosave(
            article=article,
            user=request.user,
            form_class=self.get_form(request, article),
            data=request.POST,
            based_on_version=int(based_on),
        )
        return JsonResponse({"saved_at": _when(draft.saved_at)})

    def version_view(self, request, object_id):
        """The article's version and, when it is not ``since``, who saved it and when."""
        article = self._desk_article(request, object_id, write=False)
        answer = {"version": article.version}
        if request.GET.get("since") != str(article.version):
            latest = article.revisions.select_related("created_by").first()
            who = latest.created_by if latest and latest.created_by else None
            answer.update(
                saved_at=_when(article.updated_at),
                saved_by=(who.get_full_name() or who.get_username()) if who else "",
                is_you=who == request.user,
            )
        return JsonResponse(answer)

    def preview_view(self, request, object_id):
        """The article's page as readers would see it with the posted, unsaved form."""
        article = self._desk_article(request, object_id, write=False) or Article()
        desk.with_posted_fields(article, self.get_form(request, article), request.POST)
        article.slug = article.slug or "preview"
        article.updated_at = article.updated_at or timezone.now()
        article.body_html = render_unsaved(article).html
        context = {"article": article, "object": article, **reader_context(article, keep=False)}
        return TemplateResponse(request, "articles/article_preview.html", context)

    def _back_to_shares(self, article):
        url = reverse("admin:articles_article_change", args=[article.pk])
        return HttpResponseRedirect(url + "#share-links")

    def share_view(self, request, object_id):
        article = self._desk_article(request, object_id, write=True)
        try:
            link = desk.share_link_create(
                article=article, by=request.user, hours=request.POST.get("hours")
            )
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return self._back_to_shares(article)
        self.message_user(
            request,
            _("Share link made; it works until %(until)s: %(url)s")
            % {
                "until": _when(link.expires_at),
                "url": request.build_absolute_uri(link.get_absolute_url()),
            },
            messages.SUCCESS,
        )
        return self._back_to_shares(article)

    def revoke_view(self, request, object_id, link_id):
        article = self._desk_article(request, object_id, write=True)
        link = get_object_or_404(article.share_links, pk=link_id)
        desk.share_link_revoke(link=link, by=request.user)
        self.message_user(request, _("Share link revoked; it now opens nothing."), messages.SUCCESS)
        return self._back_to_shares(article)
