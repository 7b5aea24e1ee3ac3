from django.urls import path

from newsroom.caching import public_page

from . import views

app_name = "articles"

urlpatterns = [
    path("", public_page(views.ArticleListView.as_view()), name="list"),
    # Before the article itself: a share link is no slug.
    path("shared/<str:token>/", views.SharedArticleView.as_view(), name="shared"),
    path("<slug:slug>/", public_page(views.ArticleDetailView.as_view()), name="detail"),
]
