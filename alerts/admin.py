from django.contrib import admin

from .models import Subscription


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    """Readers' alerts, to answer a question about one; readers manage their own."""

    list_display = ("email", "entity", "created_at", "confirmed_at", "unsubscribed_at")
    list_filter = ("confirmed_at", "unsubscribed_at")
    search_fields = ("email",)
    list_select_related = ("entity",)
    readonly_fields = [field.name for field in Subscription._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
