from django.utils import timezone
from django_filters.views import FilterView

from .filters import InstitutionFilter, OfficialFilter
from .models import Institution, Official


class InstitutionListView(FilterView):
    filterset_class = InstitutionFilter
    paginate_by = 50
    template_name = "institutions/institution_list.html"

    def get_queryset(self):
        return Institution.objects.with_article_counts().order_by("name", "pk")


class OfficialListView(FilterView):
    filterset_class = OfficialFilter
    paginate_by = 50
    template_name = "institutions/official_list.html"

    def get_queryset(self):
        return (
            Official.objects.with_article_counts()
            .with_roles_on(timezone.localdate())
            .order_by("name", "pk")
        )
