from django.urls import path

from . import views

app_name = "institutions"

urlpatterns = [
    path("institutions/", views.InstitutionListView.as_view(), name="institution_list"),
    path(
        "institutions/<slug:slug>/",
        views.InstitutionDetailView.as_view(),
        name="institution_detail",
    ),
    path("officials/", views.OfficialListView.as_view(), name="official_list"),
    path("officials/<slug:slug>/", views.OfficialDetailView.as_view(), name="official_detail"),
]
