from django.urls import path

from newsroom.caching import public_page

from . import cache_keys, views
from .filters import ArticleFilter

app_name = "articles"

urlpatterns = [
    path(
        "",
        public_page(
            views.ArticleListView.as_view(),
            params=[*ArticleFilter.base_filters, "page"],
            keys=cache_keys.list_keys,
        ),
        name="list",
    ),
    path(
        "<slug:slug>/",
        public_page(views.ArticleDetailView.as_view(), keys=cache_keys.detail_keys),
        name="detail",
    ),
]
