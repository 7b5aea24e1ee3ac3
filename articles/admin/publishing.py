"""Publishing on the desk: the state editors read, and a confirmation before readers'
view of an article changes.

Saving the change form so that an article goes live (or stops being live) first shows a
confirmation page holding what the editor typed; confirming posts it again. The list's
publish and unpublish actions confirm the same way, as Django's delete action does.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from newsroom.inputs import within_date_range

from .. import services
from ..models import Article

CONFIRMED = "_confirm_publication"


def posted_publication_time(request):
    """The publication time the change form posts, or None when it is empty or unreadable
    (the form itself then tells the editor)."""
    widget = admin.widgets.AdminSplitDateTime()
    value = widget.value_from_datadict(request.POST, request.FILES, "published_at")
    try:
        return within_date_range(forms.SplitDateTimeField(required=False)).clean(value)
    except ValidationError:
        return None


def readers_change(article, status, published_at):
    """What saving ``status`` and ``published_at`` on ``article`` (None: a new one) does for
    readers: "publish", "unpublish", or None when what they see stays as it is."""
    now = timezone.now()
    will_be_public = status == Article.Status.PUBLISHED and (published_at or now) <= now
    is_public = article is not None and article.is_public
    if will_be_public and not is_public:
        return "publish"
    if is_public and not will_be_public:
        return "unpublish"
    return None


class PublishingMixin:
    """Adds the publication state column, the confirmations and the two list actions."""

    actions = ("publish_selected", "unpublish_selected")

    @admin.display(description=gettext_lazy("State"), ordering="status")
    def publication_state(self, obj):
        return obj.state_label

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and CONFIRMED not in request.POST:
            article = self.get_object(request, unquote(object_id)) if object_id else None
            change = None
            if services.can_publish(request.user):
                change = readers_change(
                    article, request.POST.get("status"), posted_publication_time(request)
                )
            if change is not None:
                return self._confirm_change_form(request, article, change)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _confirm_change_form(self, request, article, change):
        posted = [
            (name, value)
            for name in request.POST
            if name != "csrfmiddlewaretoken"
            for value in request.POST.getlist(name)
        ]
        when = posted_publication_time(request)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": _("Publish this article?")
            if change == "publish"
            else _("Unpublish this article?"),
            "change": change,
            "headline": request.POST.get("title") or article,
            "posted": posted,
            "dropped_files": list(request.FILES),
            "scheduled_for": when
            and when > timezone.now()
            and date_format(timezone.localtime(when), "DATETIME_FORMAT"),
            "confirm_name": CONFIRMED,
        }
        return TemplateResponse(request, "admin/articles/article/confirm_publication.html", context)

    def _apply(self, request, queryset, service, verb, done_message):
        done = 0
        for article in queryset:
            try:
                service(article=article, by=request.user)
            except PermissionDenied as error:
                self.message_user(request, str(error), messages.ERROR)
                return None
            self.log_change(request, article, f"{verb.capitalize()} from the article list.")
            done += 1
        self.message_user(request, done_message(done) % {"count": done}, messages.SUCCESS)
        return None

    def _confirm_action(self, request, queryset, action, verb, title):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title % {"count": len(queryset)},
            "verb": verb,
            "articles": queryset,
            "action": action,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(
            request, "admin/articles/article/confirm_publication_action.html", context
        )

    @admin.action(description=gettext_lazy("Publish selected articles"), permissions=("publish",))
    def publish_selected(self, request, queryset):
        if request.POST.get("post") != "yes":
            title = ngettext(
                "Publish %(count)d article?", "Publish %(count)d articles?", len(queryset)
            )
            return self._confirm_action(request, queryset, "publish_selected", "publish", title)
        return self._apply(
            request,
            queryset,
            services.article_publish,
            "published",
            lambda n: ngettext("%(count)d article published.", "%(count)d articles published.", n),
        )

    @admin.action(description=gettext_lazy("Unpublish selected articles"), permissions=("publish",))
    def unpublish_selected(self, request, queryset):
        if request.POST.get("post") != "yes":
            title = ngettext(
                "Unpublish %(count)d article?", "Unpublish %(count)d articles?", len(queryset)
            )
            return self._confirm_action(request, queryset, "unpublish_selected", "unpublish", title)
        return self._apply(
            request,
            queryset,
            services.article_unpublish,
            "unpublished",
            lambda n: ngettext(
                "%(count)d article unpublished.", "%(count)d articles unpublished.", n
            ),
        )
