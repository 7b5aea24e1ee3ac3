from django.urls import path

from . import views

app_name = "alerts"

urlpatterns = [
    path("follow/<str:kind>/<slug:slug>/", views.FollowView.as_view(), name="follow"),
    path("sent/", views.sent, name="sent"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
