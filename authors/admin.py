from django.contrib import admin

from .models import Author


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ("name", "role", "user")
    search_fields = ("name", "role")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("user",)
    list_select_related = ("user",)
