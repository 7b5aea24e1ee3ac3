from django.urls import path

from newsroom.caching import public_page

from . import views

app_name = "articles"

urlpatterns = [
    path("", public_page(views.ArticleListView.as_view()), name="list"),
    path("<slug:slug>/", public_page(views.ArticleDetailView.as_view()), name="detail"),
    path("<slug:slug>/card.png", views.share_card, name="card"),
]
