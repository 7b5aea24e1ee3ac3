from django.urls import path

from newsroom.caching import public_page

from . import feeds, views

app_name = "sections"

urlpatterns = [
    path("<slug:slug>/", public_page(views.SectionDetailView.as_view()), name="detail"),
    path("<slug:slug>/feed/", public_page(feeds.SectionArticlesFeed()), name="feed"),
    path("<slug:slug>/feed/atom/", public_page(feeds.SectionArticlesAtomFeed()), name="atom_feed"),
]
