"""The old addresses of articles whose slug changed after they came out."""

from django.contrib import admin

from newsroom.addresses import FormerSlugAdmin

from ..models import ArticleRedirect


@admin.register(ArticleRedirect)
class ArticleRedirectAdmin(FormerSlugAdmin):
    pass
