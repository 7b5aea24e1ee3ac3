from django.views.generic import DetailView, ListView

from .models import Institution, Official


class InstitutionListView(ListView):
    paginate_by = 50
    template_name = "institutions/institution_list.html"

    def get_queryset(self):
        return Institution.objects.with_article_counts()


class InstitutionDetailView(DetailView):
    model = Institution
    template_name = "institutions/institution_detail.html"


class OfficialListView(ListView):
    paginate_by = 50
    template_name = "institutions/official_list.html"

    def get_queryset(self):
        return Official.objects.with_article_counts()


class OfficialDetailView(DetailView):
    model = Official
    template_name = "institutions/official_detail.html"
