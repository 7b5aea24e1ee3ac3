"""The revision browser of the article admin: list, read and compare, restore."""

import difflib

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import capfirst
from django.views.decorators.http import require_POST

from .. import services
from ..models import Article, Revision


def text_diff(old, new):
    """Lines of a unified diff from ``old`` to ``new``, each with how to show it."""
    lines = difflib.unified_diff(
        str(old).splitlines(), str(new).splitlines(), "this revision", "current", lineterm=""
    )
    for line in lines:
        kind = {"+": "added", "-": "removed", "@": "hunk"}.get(line[:1], "same")
        if line.startswith(("+++", "---")):
            kind = "file"
        yield kind, line


def label(field):
    """A field's name as editors read it on the form ("dek" is "Standfirst")."""
    return capfirst(field.verbose_name)


def revision_diff(revision, article):
    """(label, diff lines) for each field restoring ``revision`` would change."""
    saved, diff = revision.saved, []
    for field in Revision.restored_fields():
        old, new = field.value_to_string(saved), field.value_to_string(article)
        if field.name in revision.content and old != new:
            diff.append((label(field), list(text_diff(old, new))))
    return diff


def revision_content(revision):
    """(label, text) for each field the revision kept, as the change form names them."""
    saved = revision.saved
    return [
        (
            label(field),
            getattr(saved, f"get_{field.name}_display")()
            if field.choices
            else field.value_from_object(saved),
        )
        for field in Article.editable_fields()
        if field.name in revision.content
    ]


class RevisionViewsMixin:
    """Adds the revision pages to the article admin, next to its change form."""

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/revisions/",
                view(self.revisions_view),
                name="articles_article_revisions",
            ),
            path(
                "<path:object_id>/revisions/<int:version>/",
                view(self.revision_view),
                name="articles_article_revision",
            ),
            path(
                "<path:object_id>/revisions/<int:version>/restore/",
                view(require_POST(self.restore_view)),
                name="articles_article_revision_restore",
            ),
            *super().get_urls(),
        ]

    def _viewable_article(self, request, object_id):
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404("No such article.")
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        return article

    def _revision_context(self, request, article, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "has_change_permission": self.has_change_permission(request, article),
            **extra,
        }

    def revisions_view(self, request, object_id):
        article = self._viewable_article(request, object_id)
        revisions = article.revisions.select_related("created_by")
        context = self._revision_context(
            request, article, title=f"Revisions of “{article}”", revisions=revisions
        )
        return TemplateResponse(request, "admin/articles/article/revision_list.html", context)

    def revision_view(self, request, object_id, version):
        article = self._viewable_article(request, object_id)
        revision = get_object_or_404(article.revisions, version=version)
        context = self._revision_context(
            request,
            article,
            title=f"Version {revision.version} of “{article}”",
            revision=revision,
            diff=revision_diff(revision, article),
            content=revision_content(revision),
        )
        return TemplateResponse(request, "admin/articles/article/revision_detail.html", context)

    def restore_view(self, request, object_id, version):
        article = self._viewable_article(request, object_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        revision = get_object_or_404(article.revisions, version=version)
        based_on = request.POST.get("based_on_version", "")
        try:
            services.article_restore(
                article=article,
                revision=revision,
                by=request.user,
                expected_version=int(based_on) if based_on.isdigit() else -1,
            )
        except services.EditConflict:
            self.message_user(
                request,
                "The article changed since you opened this revision; nothing was restored. "
                "Look at the revisions again before restoring.",
                messages.ERROR,
            )
            return HttpResponseRedirect(
                reverse("admin:articles_article_revisions", args=[article.pk])
            )
        self.log_change(request, article, f"Restored version {revision.version}.")
        self.message_user(
            request,
            f"Version {revision.version} restored; it is now version {article.version}.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
