"""A section's page: its published articles, newest first."""

from django.utils import translation
from django.views.generic import ListView
from django.views.generic.detail import SingleObjectMixin

from institutions.articles import article_model
from newsroom.pagination import DeepPaginator

from .models import Section


class SectionDetailView(SingleObjectMixin, ListView):
    paginate_by = 20
    paginator_class = DeepPaginator
    template_name = "sections/section_detail.html"

    def get(self, request, *args, **kwargs):
        self.object = self.get_object(queryset=Section.objects.all())
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return article_model().objects.published().filter(section=self.object).for_cards()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            name=self.object.display_name(translation.get_language()), **kwargs
        )
