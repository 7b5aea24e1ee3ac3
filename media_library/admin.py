from django.contrib import admin
from django.utils.html import format_html

from .models import Image


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    list_display = ("thumbnail", "title", "alt_text", "credit", "dimensions", "created_at")
    list_display_links = ("thumbnail", "title")
    search_fields = ("title", "alt_text", "credit", "caption")
    date_hierarchy = "created_at"
    list_per_page = 50
    fields = (
        "file",
        "focal_point",
        ("focal_x", "focal_y"),
        "title",
        "alt_text",
        "credit",
        "caption",
        "reference",
        "usage",
        "uploaded_by",
        "created_at",
    )
    readonly_fields = ("focal_point", "reference", "usage", "uploaded_by", "created_at")

    class Media:
        css = {"all": ["admin/newsroom.css"]}
        js = ["admin/focal_point.js"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description="")
    def thumbnail(self, obj):
        # The smallest copy once made; the list must not load every original.
        copies = obj.renditions.get("widths")
        if copies:
            src = obj.file.storage.url(copies[0]["webp"])
        elif obj.file_exists():
            src = obj.file.url
        else:
            return format_html('<span class="library-thumb--missing">{}</span>', obj.alt_text)
        return format_html(
            '<img class="library-thumb" src="{}" alt="{}" loading="lazy">', src, obj.alt_text
        )

    @admin.display(description="Size")
    def dimensions(self, obj):
        return f"{obj.width} by {obj.height}" if obj.width else "—"

    @admin.display(description="Focal point")
    def focal_point(self, obj):
        if obj.pk is None or not obj.file_exists():
            return "Save the image first, then click the subject on it here."
        return format_html(
            '<div class="focal-picker" data-focal-picker>'
            '<img src="{}" alt="{}"><span class="focal-picker__marker" hidden></span></div>'
            '<p class="help">Click the subject: crops keep it in the frame.</p>',
            obj.file.url,
            obj.alt_text,
        )

    @admin.display(description="To place it in an article body")
    def reference(self, obj):
        return format_html("<code>{}</code>", obj.reference()) if obj.pk else "—"

    @admin.display(description="Used")
    def usage(self, obj):
        """Where the image is used, asked of every model that points at it."""
        uses = []
        for relation in obj._meta.related_objects if obj.pk else ():
            model = relation.related_model
            count = model._default_manager.filter(**{relation.field.name: obj}).count()
            if count:
                name = model._meta.verbose_name if count == 1 else model._meta.verbose_name_plural
                uses.append(f"in {count} {name} as {relation.field.verbose_name}")
        return "Used " + "; ".join(uses) if uses else "Not used as a lead image yet."
