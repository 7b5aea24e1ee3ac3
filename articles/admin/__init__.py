"""The desk: articles in Django admin.

The change form and its publishing rules are in ``forms``, the entity panel and the
filter by entity in ``mentions``, the review of names in the text and the suggestions
inbox in ``review``, the revision browser in ``revisions``; this module
registers them together.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.forms import Media
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from newsroom.pagination import DeepPaginator

from .. import services
from ..linking import decisions
from ..linking.services import link_article
from ..models import Article, Mention
from .forms import ArticleAdminForm
from .mentions import EntityFilter, MentionInline, entity_autocomplete
from .review import ReviewViewsMixin
from .revisions import RevisionViewsMixin


@admin.register(Article)
class ArticleAdmin(ReviewViewsMixin, RevisionViewsMixin, admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = (
        "title",
        "status",
        "published_at",
        "mention_count",
        "suggestion_count",
        "updated_at",
    )
    list_filter = ("status", "language", "published_at", EntityFilter)
    search_fields = ("title", "dek", "slug")
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("translation_of", "lead")
    # Where the article came from and when: shown to editors, never edited by them.
    PROVENANCE = (
        "source_file",
        "source_hash",
        "imported_at",
        "quality_flag_list",
        "created_at",
        "updated_at",
    )
    readonly_fields = ("lead_image_preview", *PROVENANCE)
    fieldsets = (
        (None, {"fields": ("title", "slug", "dek", "byline", "body", "based_on_version")}),
        ("Publication", {"fields": ("status", "published_at", "seo_title")}),
        ("Language", {"fields": ("language", "translation_of")}),
        (
            "Lead image",
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
            "Source",
            {
                "classes": ("collapse",),
                "fields": ("source_name", "source_url", *PROVENANCE),
            },
        ),
    )
    inlines = (MentionInline,)
    actions = ("publish_selected", "unpublish_selected")
    show_full_result_count = False
    # The last of 2,000 pages of 100,000 articles: 1.1 s with OFFSET over whole rows.
    paginator = DeepPaginator
    list_per_page = 50

    def get_queryset(self, request):
        return super().get_queryset(request).with_mention_counts().with_suggestion_counts()

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

        return RequestForm

    def has_change_permission(self, request, obj=None):
        # A reporter may not rewrite what an editor has already published.
        published = obj is not None and obj.status == Article.Status.PUBLISHED
        if published and not services.can_publish(request.user):
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
            note="Edited" if change else "Created",
        )

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
        super().save_related(request, form, formsets, change)
        # The save already linked the article; decisions made in the panel just now
        # change which links it gets.
        if any(formset.model is Mention and formset.has_changed() for formset in formsets):
            link_article(form.instance)

    @admin.display(description="Entities", ordering="mention_count")
    def mention_count(self, obj):
        return obj.mention_count

    @admin.display(description="Suggestions", ordering="suggestion_count")
    def suggestion_count(self, obj):
        return obj.suggestion_count

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, unquote(object_id))
        if article is not None and self.has_view_or_change_permission(request, article):
            extra_context = {**(extra_context or {}), **self.review_context(request, article)}
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description="Preview")
    def lead_image_preview(self, obj):
        if not obj.lead_image:
            return "No image"
        return format_html(
            '<img src="{}" alt="{}" style="max-width:320px;height:auto">',
            obj.lead_image.url,
            obj.lead_image_alt,
        )

    @admin.display(description="Quality flags")
    def quality_flag_list(self, obj):
        if not obj.quality_flags:
            return "None"
        items = format_html_join("", "<li>{}</li>", ((flag,) for flag in obj.quality_flags))
        return format_html("<ul>{}</ul>", items)

    def _apply(self, request, queryset, service, verb):
        done = 0
        for article in queryset:
            try:
                service(article=article, by=request.user)
            except PermissionDenied as error:
                self.message_user(request, str(error), messages.ERROR)
                return
            self.log_change(request, article, f"{verb.capitalize()} from the article list.")
            done += 1
        self.message_user(request, f"{done} article(s) {verb}.", messages.SUCCESS)

    @admin.action(description="Publish selected articles", permissions=("publish",))
    def publish_selected(self, request, queryset):
        self._apply(request, queryset, services.article_publish, "published")

    @admin.action(description="Unpublish selected articles", permissions=("publish",))
    def unpublish_selected(self, request, queryset):
        self._apply(request, queryset, services.article_unpublish, "unpublished")
