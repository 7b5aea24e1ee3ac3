from django.contrib import admin
from django.db import models

from newsroom.admin import ReadOnlyAdmin

from .models import Webhook, WebhookDelivery


@admin.register(Webhook)
class WebhookAdmin(admin.ModelAdmin):
    """Where editors register the addresses told of published, updated and unpublished
    articles."""

    list_display = ("url", "description", "is_active", "created_at")
    list_filter = ("is_active",)
    search_fields = ("url", "description")
    fields = ("url", "description", "is_active", "secret")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ReadOnlyAdmin):
    """The delivery log: what was sent where, and how it went; read-only."""

    list_display = (
        "created_at",
        "webhook",
        "event",
        "article",
        "status",
        "attempts",
        "response_status",
        "next_attempt_at",
    )
    list_filter = ("status", "event", "webhook")
    list_select_related = ("webhook", "article")
    search_fields = ("article__title", "webhook__url")
    date_hierarchy = "created_at"
    show_full_result_count = False
