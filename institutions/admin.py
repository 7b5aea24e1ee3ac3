from django.contrib import admin
from django.utils.html import format_html

from newsroom.addresses import FormerSlugAdmin, record_slug_change
from newsroom.admin import ReadOnlyAdmin

from .models import (
    Alias,
    Appointment,
    Entity,
    EntityRedirect,
    Institution,
    Official,
    Post,
    RelinkJob,
)


class AliasInline(admin.TabularInline):
    model = Alias
    extra = 1
    fields = ("name", "kind", "language", "is_common_word")


class PostInline(admin.TabularInline):
    model = Post
    extra = 0
    fields = ("label",)
    show_change_link = True


class AppointmentInline(admin.TabularInline):
    model = Appointment
    extra = 0
    fields = ("post", "start_date", "end_date")
    autocomplete_fields = ("post",)


class CountryFilter(admin.AllValuesFieldListFilter):
    """The countries in the registry; an institution with none is listed as such, not
    as a link with no text."""

    def choices(self, changelist):
        for choice in super().choices(changelist):
            if choice["display"] == "":
                choice["display"] = "No country"
            yield choice


class EntityAdminMixin:
    """What the institution and official screens share: counts, search, aliases."""

    search_fields = ("name", "slug", "aliases__name")
    # Explicit: an annotated (GROUP BY) queryset ignores Meta.ordering.
    ordering = ("name",)
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("image_preview", "relink_state", "created_at", "updated_at")
    show_full_result_count = False

    def get_queryset(self, request):
        return super().get_queryset(request).with_article_counts()

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "slug" in form.changed_data:
            # The old address keeps answering, with a 301 to the new one.
            record_slug_change(EntityRedirect.objects, obj, form.initial.get("slug"))

    @admin.display(description="Articles", ordering="article_count")
    def article_count(self, obj):
        return obj.article_count

    @admin.display(description="Links")
    def relink_state(self, obj):
        """Whether the articles' links reflect this entity's latest names."""
        job = RelinkJob.objects.latest_for(obj) if obj.pk else None
        return str(job) if job else "up to date"

    @admin.display(description="Preview")
    def image_preview(self, obj):
        if not obj.image:
            return "No image"
        return format_html(
            '<img src="{}" alt="{}" style="max-width:240px;height:auto">',
            obj.image.url,
            obj.image_alt,
        )


ENTITY_FIELDS = ("name", "slug", "summary", "wikidata_id", "relink_state")
TRANSLATIONS_FIELDSET = (
    "In Russian and Kazakh",
    {"fields": ("name_ru", "summary_ru", "name_kk", "summary_kk")},
)
IMAGE_FIELDSET = (
    "Image",
    {"fields": ("library_image", "image", "image_preview", "image_alt", "image_credit")},
)


@admin.register(Entity)
class EntityAdmin(EntityAdminMixin, admin.ModelAdmin):
    """Every entity in one list, for search and for picking one in a mention."""

    list_display = ("name", "kind", "article_count", "updated_at")
    list_filter = ("kind",)
    fields = (*ENTITY_FIELDS, "kind", *TRANSLATIONS_FIELDSET[1]["fields"])
    readonly_fields = ("kind", "relink_state")

    def has_add_permission(self, request):
        # An entity is created as an institution or an official, never bare.
        return False


@admin.register(Institution)
class InstitutionAdmin(EntityAdminMixin, admin.ModelAdmin):
    list_display = ("name", "classification", "parent", "city", "country", "article_count")
    list_filter = ("classification", ("country", CountryFilter))
    list_select_related = ("parent",)
    autocomplete_fields = ("parent", "superseded_by", "library_image")
    fieldsets = (
        (None, {"fields": (*ENTITY_FIELDS, "classification")}),
        (
            "Place in the world",
            {"fields": ("parent", "city", "country", "founded", "dissolved", "superseded_by")},
        ),
        TRANSLATIONS_FIELDSET,
        IMAGE_FIELDSET,
    )
    inlines = (AliasInline, PostInline)


@admin.register(Official)
class OfficialAdmin(EntityAdminMixin, admin.ModelAdmin):
    list_display = ("name", "family_name", "article_count", "updated_at")
    fieldsets = (
        (None, {"fields": (*ENTITY_FIELDS, "given_name", "family_name")}),
        TRANSLATIONS_FIELDSET,
        IMAGE_FIELDSET,
    )
    inlines = (AliasInline, AppointmentInline)
    autocomplete_fields = ("library_image",)


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ("label", "institution")
    search_fields = ("label", "institution__name")
    autocomplete_fields = ("institution",)
    list_select_related = ("institution",)


@admin.register(RelinkJob)
class RelinkJobAdmin(ReadOnlyAdmin):
    """The background relinks after registry changes, for editors to follow; read-only."""

    list_display = ("created_at", "state", "total", "done", "error")
    list_filter = ("state",)
    fields = (
        "state",
        "entities",
        "spellings",
        "total",
        "done",
        "error",
        "created_at",
        "started_at",
        "finished_at",
    )
    readonly_fields = fields


@admin.register(EntityRedirect)
class EntityRedirectAdmin(FormerSlugAdmin):
    pass
