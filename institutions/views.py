"""The public pages of institutions and officials: their indexes and each one's page."""

from django.urls import reverse
from django.utils import timezone, translation
from django.views.generic import ListView
from django.views.generic.detail import SingleObjectMixin
from django_filters.views import FilterView

from newsroom.addresses import FormerSlugRedirectMixin
from newsroom.pagination import DeepPaginator

from .articles import article_model
from .filters import InstitutionFilter, OfficialFilter
from .models import Entity, EntityRedirect, Institution, Official
from .structured_data import entity_jsonld

OFTEN_WITH_COUNT = 8


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


class EntityDetailView(FormerSlugRedirectMixin, SingleObjectMixin, ListView):
    """An entity's page: what it is, and every published article that names it."""

    paginate_by = 20
    redirect_model = EntityRedirect
    paginator_class = DeepPaginator

    def get(self, request, *args, **kwargs):
        entities = self.get_entity_queryset().select_related("library_image")
        self.object = self.get_object(queryset=entities)
        return super().get(request, *args, **kwargs)

    def get_entity_queryset(self):
        raise NotImplementedError

    def visible_queryset(self):
        return self.get_entity_queryset()

    def get_queryset(self):
        return (
            article_model()
            .objects.published()
            .mentioning(self.object)
            .with_snippet_for(self.object)
            .for_listing()
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        articles = article_model().objects.published().mentioning(self.object)
        kind = self.object.kind
        language = translation.get_language()
        context.update(
            name=self.object.display_name(language),
            summary=self.object.display_summary(language),
            mention_span=articles.date_span(),
            often_with=Entity.objects.exclude(pk=self.object.pk).named_in(
                **articles.entity_mention_lookups()
            )[:OFTEN_WITH_COUNT],
            feed_url=reverse(f"institutions:{kind}_feed", kwargs={"slug": self.object.slug}),
            atom_feed_url=reverse(
                f"institutions:{kind}_atom_feed", kwargs={"slug": self.object.slug}
            ),
            jsonld=entity_jsonld(self.object, getattr(self.object, "classification", None)),
        )
        return context


class InstitutionDetailView(EntityDetailView):
    og_type = "website"
    template_name = "institutions/institution_detail.html"

    def get_entity_queryset(self):
        return Institution.objects.for_detail().with_posts()


class OfficialDetailView(EntityDetailView):
    og_type = "profile"
    template_name = "institutions/official_detail.html"

    def get_entity_queryset(self):
        return Official.objects.with_appointments()
