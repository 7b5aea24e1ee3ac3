from django.contrib import admin
from django.contrib.admin.models import LogEntry


class ReadOnlyAdmin(admin.ModelAdmin):
    """An admin for records that people read and nobody writes: view permission only."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LogEntry)
class LogEntryAdmin(ReadOnlyAdmin):
    """The audit trail: who created, edited, published, restored or deleted what.

    Read-only; Django's own permission ``admin.view_logentry`` decides who reads it (the
    Editor group holds it, reporters do not). Nobody may alter the record.
    """

    list_display = ("action_time", "user", "content_type", "object_repr", "action_flag", "message")
    list_filter = ("action_flag", "content_type", "user")
    search_fields = ("object_repr", "change_message", "user__username")
    date_hierarchy = "action_time"
    list_select_related = ("user", "content_type")
    show_full_result_count = False

    @admin.display(description="What changed")
    def message(self, obj):
        return obj.get_change_message()
