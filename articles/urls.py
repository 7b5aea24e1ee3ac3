from django.urls import path

from newsroom.caching import public_page
from newsroom.ratelimit import deep_page, rate_limited

from . import cache_keys, views
from .filters import ArticleFilter

app_name = "articles"

urlpatterns = [
    path(
        "",
        rate_limited("deep_pages", deep_page)(
            public_page(
                views.ArticleListView.as_view(),
                params=[*ArticleFilter.base_filters, "page"],
                keys=cache_keys.list_keys,
            )
        ),
        name="list",
    ),
    # Before the article itself: a share link is no slug.
    path("shared/<str:token>/", views.SharedArticleView.as_view(), name="shared"),
    path(
        "<slug:slug>/",
        public_page(views.ArticleDetailView.as_view(), params=(), keys=cache_keys.detail_keys),
        name="detail",
    ),
    path("<slug:slug>/card.png", views.share_card, name="card"),
]
