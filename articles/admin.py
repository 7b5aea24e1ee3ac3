from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from . import services
from .linking import services as linking
from .models import Article, Mention


class MentionForm(forms.ModelForm):
    add_alias = forms.BooleanField(
        required=False,
        label="Add spelling as alias",
        help_text="On confirming, teach the registry this spelling.",
    )

    class Meta:
        model = Mention
        fields = ("entity", "state", "is_about")


class MentionInline(admin.TabularInline):
    """The article's entity panel: what the linker found and what editors decided."""

    model = Mention
    form = MentionForm
    extra = 0
    verbose_name = "entity"
    verbose_name_plural = "Entities (confirm or reject what the linker found)"
    fields = ("entity", "state", "is_about", "count", "context", "add_alias")
    readonly_fields = ("count", "context")
    autocomplete_fields = ("entity",)
    classes = ("entity-panel",)

    class Media:
        css = {"all": ("admin/newsroom.css",)}

    @admin.display(description="Where it is mentioned")
    def context(self, mention):
        sentence, spelling = mention.snippet, mention.matched_text
        if not sentence:
            return "Not found in the text (added by an editor)"
        before, found, after = sentence.partition(spelling) if spelling else (sentence, "", "")
        return format_html("{}<mark>{}</mark>{}", before, found, after)


class ArticleAdminForm(forms.ModelForm):
    source_url = forms.URLField(
        label="Source URL", max_length=500, required=False, assume_scheme="https"
    )

    class Meta:
        model = Article
        fields = (
            "title",
            "slug",
            "dek",
            "byline",
            "body",
            "status",
            "published_at",
            "seo_title",
            "lead_image",
            "lead_image_alt",
            "lead_image_credit",
            "source_name",
            "source_url",
        )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        status = self.fields.get("status")
        if status is not None and user is not None and not services.can_publish(user):
            status.choices = [
                choice for choice in status.choices if choice[0] != Article.Status.PUBLISHED
            ]
            status.help_text = "An editor publishes the article once it is in review."

    def clean_status(self):
        status = self.cleaned_data["status"]
        was_published = self.instance.pk and self.instance.status == Article.Status.PUBLISHED
        changes_publication = (status == Article.Status.PUBLISHED) != bool(was_published)
        if changes_publication and self.user is not None and not services.can_publish(self.user):
            raise forms.ValidationError("Only an editor can publish or unpublish an article.")
        return status

    def clean(self):
        cleaned = super().clean()
        # Publishing without a date means "now"; the database insists on a date.
        if cleaned.get("status") == Article.Status.PUBLISHED and not cleaned.get("published_at"):
            cleaned["published_at"] = timezone.now()
        return cleaned


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = ("title", "status", "published_at", "mention_count", "updated_at")
    list_filter = ("status", "published_at", ("mentions__entity", admin.RelatedOnlyFieldListFilter))
    search_fields = ("title", "dek", "slug")
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = (
        "lead_image_preview",
        "source_file",
        "source_hash",
        "imported_at",
        "quality_flag_list",
        "created_at",
        "updated_at",
    )
    fieldsets = (
        (None, {"fields": ("title", "slug", "dek", "byline", "body")}),
        ("Publication", {"fields": ("status", "published_at", "seo_title")}),
        (
            "Lead image",
            {"fields": ("lead_image", "lead_image_preview", "lead_image_alt", "lead_image_credit")},
        ),
        (
            "Source",
            {
                "classes": ("collapse",),
                "fields": (
                    "source_name",
                    "source_url",
                    "source_file",
                    "source_hash",
                    "imported_at",
                    "quality_flag_list",
                    "created_at",
                    "updated_at",
                ),
            },
        ),
    )
    inlines = (MentionInline,)
    actions = ("publish_selected", "unpublish_selected")
    show_full_result_count = False
    list_per_page = 50

    def get_queryset(self, request):
        return super().get_queryset(request).with_mention_counts()

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
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Mention:
            return super().save_formset(request, form, formset, change)
        for mention_form in formset.forms:
            mention = mention_form.instance
            if mention_form in formset.deleted_forms or not mention_form.has_changed():
                continue
            if "state" in mention_form.changed_data or mention.pk is None:
                if mention.pk is None and mention.state == Mention.State.SUGGESTED:
                    # An entity an editor adds by hand is a decision, not a guess.
                    mention.state = Mention.State.CONFIRMED
                mention.decided_by = request.user
                mention.decided_at = timezone.now()
        formset.save()
        for mention_form in formset.forms:
            if mention_form.cleaned_data.get("add_alias") and mention_form.instance.pk:
                linking.teach_alias(mention_form.instance)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Render after the panel is saved, so this save's decisions show at once.
        linking.link_article(form.instance)

    @admin.display(description="Entities", ordering="mention_count")
    def mention_count(self, obj):
        return obj.mention_count

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
