from django.contrib import admin
from django.contrib.admin.models import LogEntry

from articles.services import can_publish


@admin.register(LogEntry)
class LogEntryAdmin(admin.ModelAdmin):
    """The audit trail: who created, edited, published, restored or deleted what.

    Read-only, for editors and superusers; nobody may alter the record.
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

    def has_module_permission(self, request):
        return request.user.is_superuser or can_publish(request.user)

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
