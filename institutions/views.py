"""The public pages of institutions and officials: their indexes and each one's page."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.views.generic import ListView
from django.views.generic.detail import SingleObjectMixin
from django_filters.views import FilterView

from newsroom import fragments
from newsroom.addresses import FormerSlugRedirectMixin
from newsroom.pagination import DeepPaginator

from .articles import article_model
from .cache_keys import fact_box_keys
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
    """An entity's page: what it is, and every published article that names it.

    Its fact box (posts and people, the span of its mentions, who it is often named with)
    and JSON-LD cost most of the page and change far more rarely than its list: an edit
    to an article on the list retires the page but not them, so they are kept as a part
    of it (``newsroom.fragments``) and made again only when something they show changes.
    """

    paginate_by = 20
    redirect_model = EntityRedirect
    paginator_class = DeepPaginator
    fact_box_template = None

    def get(self, request, *args, **kwargs):
        entities = self.get_entity_queryset().select_related("library_image")
        self.object = self.get_object(queryset=entities)
        return super().get(request, *args, **kwargs)

    def get_entity_queryset(self):
        raise NotImplementedError

    def get_facts_queryset(self):
        """The entity with what its fact box reads."""
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

    def fact_box(self):
        """``({"box": ..., "jsonld": ...}, keys)``: the fact box and the JSON-LD."""
        entity = self.get_facts_queryset().select_related("library_image").get(pk=self.object.pk)
        articles = article_model().objects.published().mentioning(entity)
        often_with = list(
            Entity.objects.exclude(pk=entity.pk).named_in(**articles.entity_mention_lookups())[
                :OFTEN_WITH_COUNT
            ]
        )
        context = {"object": entity, "mention_span": articles.date_span(), "often_with": often_with}
        box = mark_safe(render_to_string(self.fact_box_template, context).strip())
        jsonld = entity_jsonld(entity, getattr(entity, "classification", None))
        return {"box": box, "jsonld": jsonld}, fact_box_keys(entity, often_with)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        kind = self.object.kind
        language = translation.get_language()
        kept = fragments.read({"facts": f"entity-facts {self.object.pk} {language}"})
        context.update(
            name=self.object.display_name(language),
            summary=self.object.display_summary(language),
            facts=kept.get("facts", self.fact_box),
            feed_url=reverse(f"institutions:{kind}_feed", kwargs={"slug": self.object.slug}),
            atom_feed_url=reverse(
                f"institutions:{kind}_atom_feed", kwargs={"slug": self.object.slug}
            ),
        )
        return context


class InstitutionDetailView(EntityDetailView):
    og_type = "website"
    template_name = "institutions/institution_detail.html"
    fact_box_template = "institutions/includes/institution_fact_box.html"

    def get_entity_queryset(self):
        return Institution.objects.all()

    def get_facts_queryset(self):
        return Institution.objects.for_detail().with_posts()


class OfficialDetailView(EntityDetailView):
    og_type = "profile"
    template_name = "institutions/official_detail.html"
    fact_box_template = "institutions/includes/official_fact_box.html"

    def get_entity_queryset(self):
        return Official.objects.all()

    def get_facts_queryset(self):
        return Official.objects.with_appointments()
