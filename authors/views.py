"""Journalists' pages: who they are and what they wrote."""

from django.urls import reverse
from django.views.generic import ListView
from django.views.generic.detail import SingleObjectMixin

from institutions.articles import article_model
from newsroom.pagination import DeepPaginator

from .models import Author
from .structured_data import author_jsonld


class AuthorListView(ListView):
    model = Author
    template_name = "authors/author_list.html"


class AuthorDetailView(SingleObjectMixin, ListView):
    paginate_by = 20
    paginator_class = DeepPaginator
    template_name = "authors/author_detail.html"

    def get(self, request, *args, **kwargs):
        self.object = self.get_object(queryset=Author.objects.all())
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return article_model().objects.published().filter(authors=self.object).for_cards()

    def get_context_data(self, **kwargs):
        slug = {"slug": self.object.slug}
        return super().get_context_data(
            jsonld=author_jsonld(self.object),
            feed_url=reverse("authors:feed", kwargs=slug),
            atom_feed_url=reverse("authors:atom_feed", kwargs=slug),
            **kwargs,
        )
