from django.urls import path

from newsroom.caching import public_page
from newsroom.ratelimit import deep_page, rate_limited

from . import cache_keys, feeds, views
from .models import Entity

app_name = "institutions"


def entity_routes(prefix, kind, list_view, detail_view):
    """An entity kind's index, page and feeds, named after the kind."""
    limited = rate_limited("deep_pages", deep_page)
    index = public_page(
        list_view.as_view(),
        params=[*list_view.filterset_class.base_filters, "page"],
        keys=cache_keys.index_keys,
    )
    page = public_page(detail_view.as_view(), params=["page"], keys=cache_keys.entity_page_keys)
    return [
        path(f"{prefix}/", limited(index), name=f"{kind}_list"),
        path(f"{prefix}/<slug:slug>/", limited(page), name=f"{kind}_detail"),
        path(
            f"{prefix}/<slug:slug>/feed/",
            public_page(feeds.EntityArticlesFeed()),
            {"kind": kind},
            name=f"{kind}_feed",
        ),
        path(
            f"{prefix}/<slug:slug>/feed/atom/",
            public_page(feeds.EntityArticlesAtomFeed()),
            {"kind": kind},
            name=f"{kind}_atom_feed",
        ),
    ]


urlpatterns = [
    *entity_routes(
        "institutions",
        Entity.Kind.INSTITUTION,
        views.InstitutionListView,
        views.InstitutionDetailView,
    ),
    *entity_routes(
        "officials", Entity.Kind.OFFICIAL, views.OfficialListView, views.OfficialDetailView
    ),
]
