"""The revision browser of the article admin: list, read, compare any two, restore."""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _

from .. import services
from ..models import Article
from .diffing import compare, current_revision, label, readable


def revision_content(revision):
    """(label, text) for each field the revision kept, as the change form names them."""
    saved = revision.saved
    return [
        (label(field.name), readable(saved, field))
        for field in Article.editable_fields()
        if field.name in revision.content
    ]


def _version(value):
    return int(value) if value and value.isdigit() else None


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
                "<path:object_id>/revisions/compare/",
                view(self.compare_view),
                name="articles_article_revision_compare",
            ),
            path(
                "<path:object_id>/revisions/<int:version>/",
                view(self.revision_view),
                name="articles_article_revision",
            ),
            path(
                "<path:object_id>/revisions/<int:version>/restore/",
                view(self.restore_view),
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

    def _render(self, request, template, context):
        return TemplateResponse(request, f"admin/articles/article/{template}.html", context)

    def revisions_view(self, request, object_id):
        article = self._viewable_article(request, object_id)
        revisions = list(article.revisions.select_related("created_by"))
        context = self._revision_context(
            request,
            article,
            title=_("Revisions of “%(article)s”") % {"article": article},
            revisions=revisions,
            # By default the two newest: what the last save changed.
            compare_to=revisions[0].version if revisions else None,
            compare_from=revisions[1].version if len(revisions) > 1 else None,
        )
        return self._render(request, "revision_list", context)

    def compare_view(self, request, object_id):
        article = self._viewable_article(request, object_id)
        versions = [_version(request.GET.get(name)) for name in ("from", "to")]
        found = {
            revision.version: revision
            for revision in article.revisions.filter(version__in=versions).select_related(
                "created_by"
            )
        }
        if any(version not in found for version in versions):
            self.message_user(
                request,
                _("Choose two versions of this article to compare (“from” and “to”)."),
                messages.ERROR,
            )
            return HttpResponseRedirect(
                reverse("admin:articles_article_revisions", args=[article.pk])
            )
        old, new = (found[version] for version in sorted(versions))
        context = self._revision_context(
            request,
            article,
            title=_("Version %(old)s and version %(new)s of “%(article)s”")
            % {"old": old.version, "new": new.version, "article": article},
            old=old,
            new=new,
            diff=compare(old, new),
            old_label=_("version %(number)s") % {"number": old.version},
            new_label=_("version %(number)s") % {"number": new.version},
        )
        return self._render(request, "revision_compare", context)

    def revision_view(self, request, object_id, version):
        article = self._viewable_article(request, object_id)
        revision = get_object_or_404(
            article.revisions.select_related("created_by"), version=version
        )
        context = self._revision_context(
            request,
            article,
            title=_("Version %(number)s of “%(article)s”")
            % {"number": revision.version, "article": article},
            revision=revision,
            diff=compare(revision, current_revision(article)),
            old_label=_("version %(number)s") % {"number": revision.version},
            new_label=_("the article now"),
            content=revision_content(revision),
        )
        return self._render(request, "revision_detail", context)

    def restore_view(self, request, object_id, version):
        article = self._viewable_article(request, object_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        revision = get_object_or_404(article.revisions, version=version)
        if request.method != "POST":
            context = self._revision_context(
                request,
                article,
                title=_("Restore version %(number)s?") % {"number": revision.version},
                revision=revision,
                diff=compare(current_revision(article), revision),
                old_label=_("the article now"),
                new_label=_("after restoring"),
            )
            return self._render(request, "revision_restore", context)
        based_on = request.POST.get("based_on_version", "")
        before = article.version
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
                _(
                    "The article changed since you opened this revision; nothing was "
                    "restored. Look at the revisions again before restoring."
                ),
                messages.ERROR,
            )
            return HttpResponseRedirect(
                reverse("admin:articles_article_revisions", args=[article.pk])
            )
        if article.version == before:
            self.message_user(
                request,
                _("Version %(number)s says what the article says now; nothing changed.")
                % {"number": revision.version},
                messages.WARNING,
            )
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
        self.log_change(request, article, f"Restored version {revision.version}.")
        self.message_user(
            request,
            _("Version %(old)s restored; it is now version %(new)s.")
            % {"old": revision.version, "new": article.version},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
