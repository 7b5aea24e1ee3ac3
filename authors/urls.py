from django.urls import path

from newsroom.caching import public_page
from newsroom.ratelimit import deep_page, rate_limited

from . import feeds, views

app_name = "authors"

urlpatterns = [
    path("", public_page(views.AuthorListView.as_view(), params=()), name="list"),
    path(
        "<slug:slug>/",
        rate_limited("deep_pages", deep_page)(
            public_page(views.AuthorDetailView.as_view(), params=["page"])
        ),
        name="detail",
    ),
    path("<slug:slug>/feed/", public_page(params=())(feeds.AuthorArticlesFeed()), name="feed"),
    path(
        "<slug:slug>/feed/atom/",
        public_page(params=())(feeds.AuthorArticlesAtomFeed()),
        name="atom_feed",
    ),
]
