"""The desk: articles in Django admin.

The change form and its publishing rules are in ``forms``, the entity panel and the
filter by entity in ``mentions``, the review of names in the text and the suggestions
inbox in ``review``, the revision browser in ``revisions``; this module
registers them together.
"""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.forms import Media
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from newsroom.pagination import DeepPaginator

from .. import services
from ..desk import draft_discard
from ..linking import decisions
from ..linking.services import link_article
from ..models import Article, Mention
from .desk import DeskViewsMixin
from .forms import ArticleAdminForm
from .mentions import EntityFilter, MentionInline, entity_autocomplete
from .publishing import PublishingMixin
from .redirects import ArticleRedirectAdmin
from .review import ReviewViewsMixin
from .revisions import RevisionViewsMixin

__all__ = ["ArticleAdmin", "ArticleRedirectAdmin"]

User = get_user_model()


def _editable(request, article):
    """Whether the user may change ``article`` as stored; asked once per request."""
    known = request.__dict__.setdefault("_editable_articles", {})
    if article.pk not in known:
        known[article.pk] = article.is_editable_by(request.user)
    return known[article.pk]


@admin.register(Article)
class ArticleAdmin(
    PublishingMixin, ReviewViewsMixin, RevisionViewsMixin, DeskViewsMixin, admin.ModelAdmin
):
    form = ArticleAdminForm
    list_display = (
        "title",
        "publication_state",
        "published_at",
        "mention_count",
        "suggestion_count",
        "updated_at",
    )
    list_filter = ("status", "language", "section", "kind", "published_at", EntityFilter)
    search_fields = ("title", "dek", "slug")
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("translation_of", "authors", "section", "lead")
    filter_horizontal = ("shared_with",)
    # Where the article came from and when: shown to editors, never edited by them.
    PROVENANCE = (
        "source_file",
        "source_hash",
        "imported_at",
        "quality_flag_list",
        "created_at",
        "updated_at",
    )
    readonly_fields = ("publication_state", "lead_image_preview", *PROVENANCE)
    fieldsets = (
        (
            None,
            {"fields": ("title", "slug", "dek", "authors", "byline", "body", "based_on_version")},
        ),
        (_("Who works on it"), {"fields": ("shared_with",)}),
        (
            _("Publication"),
            {
                "fields": (
                    "publication_state",
                    "status",
                    "published_at",
                    "review_note",
                    "section",
                    "kind",
                    "seo_title",
                    "correction",
                )
            },
        ),
        (_("Language"), {"fields": ("language", "translation_of")}),
        (
            _("Lead image"),
            {
                "fields": (
                    "lead",
                    "lead_image",
                    "lead_image_preview",
                    "lead_image_alt",
                    "lead_image_credit",
                )
            },
        ),
        (
            _("Source"),
            {
                "classes": ("collapse",),
                "fields": ("source_name", "source_url", *PROVENANCE),
            },
        ),
    )
    inlines = (MentionInline,)
    show_full_result_count = False
    # The last of 2,000 pages of 100,000 articles: 1.1 s with OFFSET over whole rows.
    paginator = DeepPaginator
    list_per_page = 50

    def get_queryset(self, request):
        # Every view of an article at the desk (list, change form, revisions, review,
        # type-ahead boxes, actions) starts here: a reporter never reaches another's draft.
        articles = super().get_queryset(request).visible_to(request.user)
        return articles.with_mention_counts().with_suggestion_counts()

    @property
    def media(self):
        return (
            super().media
            + entity_autocomplete(self.admin_site).media
            + Media(
                css={"all": ["admin/newsroom.css"]},
                # After the admin's type-ahead boxes, which review.js labels.
                js=[
                    "admin/js/jquery.init.js",
                    "admin/js/autocomplete.js",
                    "admin/entity_filter.js",
                    "admin/review.js",
                ],
            )
        )

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)

        class RequestForm(form):
            def __init__(self, *args, **inner):
                inner.setdefault("user", request.user)
                super().__init__(*args, **inner)
                original = self.fields.get("translation_of")
                if original is not None and self.instance.translation_of_id:
                    # The original an editor already chose stays a valid choice, so the
                    # author can still save; any other must be one the user may open.
                    chosen = Article.objects.filter(pk=self.instance.translation_of_id)
                    original.queryset = original.queryset | chosen

        return RequestForm

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if obj is not None and not obj.can_share(request.user):
            return (*readonly, "shared_with")
        return readonly

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "translation_of":
            kwargs["queryset"] = Article.objects.visible_to(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "shared_with":
            kwargs["queryset"] = User.objects.filter(is_staff=True, is_active=True)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        # Reporters change their own unpublished articles and those shared with them;
        # what an editor has published stays the editors'.
        if obj is not None and not _editable(request, obj):
            return False
        return super().has_change_permission(request, obj)

    def has_publish_permission(self, request):
        return services.can_publish(request.user)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        services.article_save(
            article=obj,
            by=request.user,
            expected_version=form.cleaned_data["based_on_version"] if change else None,
            review_note=form.cleaned_data.get("review_note", ""),
        )
        # Saved: the editor's autosaved form of it is no longer needed.
        draft_discard(article=obj if change else None, user=request.user)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Mention:
            return super().save_formset(request, form, formset, change)
        decided = []
        for mention_form in formset.forms:
            mention = mention_form.instance
            if mention_form in formset.deleted_forms or not mention_form.has_changed():
                continue
            if mention.pk is None:
                if mention.state == Mention.State.SUGGESTED:
                    # An entity an editor adds by hand is a decision, not a guess.
                    mention.state = Mention.State.CONFIRMED
                mention.decided_by = request.user
                mention.decided_at = timezone.now()
            elif "state" in mention_form.changed_data:
                decided.append(mention)
        formset.save()
        for mention in decided:
            # A row sums up the entity's places in the text: the decision applies to them.
            decisions.mention_decide(mention=mention, state=mention.state, by=request.user)
        for mention_form in formset.forms:
            if mention_form.cleaned_data.get("add_alias") and mention_form.instance.pk:
                decisions.teach_alias(mention_form.instance)

    def save_related(self, request, form, formsets, change):
        # Shared through the service, which checks who may share; absent when read-only.
        shared_with = form.cleaned_data.pop("shared_with", None)
        super().save_related(request, form, formsets, change)
        if shared_with is not None:
            services.article_share(article=form.instance, users=shared_with, by=request.user)
        # The save already linked the article; decisions made in the panel just now
        # change which links it gets.
        if any(formset.model is Mention and formset.has_changed() for formset in formsets):
            link_article(form.instance)
            services.record_links(form.instance)

    @admin.display(description=_("Entities"), ordering="mention_count")
    def mention_count(self, obj):
        return obj.mention_count

    @admin.display(description=_("Suggestions"), ordering="suggestion_count")
    def suggestion_count(self, obj):
        return obj.suggestion_count

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, unquote(object_id))
        if article is not None and self.has_view_or_change_permission(request, article):
            extra_context = {
                **(extra_context or {}),
                **self.review_context(request, article),
                **self.desk_context(request, article),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def add_view(self, request, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), **self.desk_context(request, None)}
        return super().add_view(request, form_url, extra_context)

    @admin.display(description=_("Preview"))
    def lead_image_preview(self, obj):
        if not obj.lead_image:
            return _("No image")
        return format_html(
            '<img src="{}" alt="{}" style="max-width:320px;height:auto">',
            obj.lead_image.url,
            obj.lead_image_alt,
        )

    @admin.display(description=_("Quality flags"))
    def quality_flag_list(self, obj):
        if not obj.quality_flags:
            return _("None")
        items = format_html_join("", "<li>{}</li>", ((flag,) for flag in obj.quality_flags))
        return format_html("<ul>{}</ul>", items)
