from django.urls import path

from newsroom.caching import public_page
from newsroom.ratelimit import deep_page, rate_limited

from . import feeds, views

app_name = "sections"

urlpatterns = [
    path(
        "<slug:slug>/",
        rate_limited("deep_pages", deep_page)(
            public_page(views.SectionDetailView.as_view(), params=["page"])
        ),
        name="detail",
    ),
    path("<slug:slug>/feed/", public_page(params=())(feeds.SectionArticlesFeed()), name="feed"),
    path(
        "<slug:slug>/feed/atom/",
        public_page(params=())(feeds.SectionArticlesAtomFeed()),
        name="atom_feed",
    ),
]
