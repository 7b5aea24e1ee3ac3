"""How articles are asked for: what readers may see, who may open which, what a page
lists. ``Article.objects`` offers these; they read the model from ``self.model``."""

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
)
from django.db import connection, models
from django.db.models import Count, Exists, F, Func, Max, Min, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from .mentions import Mention
from .occurrences import Occurrence

# Saves this close to publication or import are part of it, not later updates.

PUBLISH_PERMISSION = "articles.publish_article"


def is_editor(user):
    """Whether ``user`` publishes and sees every draft; reporters see their own."""
    return user.has_perm(PUBLISH_PERMISSION)


class OnPostgreSQL(Func):
    """``expression`` on PostgreSQL, NULL on other databases (which lack its functions)."""

    template = "%(expressions)s"

    def as_sql(self, compiler, connection, **extra_context):
        if connection.vendor != "postgresql":
            return "NULL", []
        return super().as_sql(compiler, connection, **extra_context)


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What readers may see: published, with a publication time that has come."""
        return self.filter(status=self.model.Status.PUBLISHED, published_at__lte=timezone.now())

    def mentioning(self, entity):
        """Articles whose mention of ``entity`` an editor has not rejected or left pending."""
        return self.filter(mentions__entity=entity, mentions__state__in=Mention.PUBLIC_STATES)

    def translations_of(self, article):
        """The other articles of ``article``'s translation group: its original and the
        original's other translations, in the order of the site's languages."""
        original = article.translation_of_id or article.pk
        return (
            self.filter(Q(pk=original) | Q(translation_of=original))
            .exclude(pk=article.pk)
            .only("slug", "language")
            .order_by("language")
        )

    def visible_to(self, user):
        """What ``user`` may open at the desk: editors everything; anyone else what is
        published, and the unpublished articles they wrote or that were shared with them."""
        if is_editor(user):
            return self
        return self.filter(Q(status=self.model.Status.PUBLISHED) | self._owned_by(user))

    def editable_by(self, user):
        """What ``user`` may change: editors everything; anyone else only the unpublished
        articles they wrote or that were shared with them."""
        if is_editor(user):
            return self
        return self.exclude(status=self.model.Status.PUBLISHED).filter(self._owned_by(user))

    def _owned_by(self, user):
        shared = self.model.shared_with.through.objects.filter(article=OuterRef("pk"), user=user.pk)
        return Q(created_by=user.pk) | Q(Exists(shared))

    def in_language(self, language):
        return self.filter(language=language)

    def entity_mention_lookups(self):
        """Lookups on ``Entity`` for the entities these articles publicly name, one joined
        row per article naming each (``Entity.objects.named_in(**...)``)."""
        return {"mentions__state__in": Mention.PUBLIC_STATES, "mentions__article__in": self}

    def for_listing(self):
        """The columns a list of articles shows (its lead image too), newest first; the
        body stays behind."""
        return (
            self.defer("body", "body_html").select_related("lead").order_by("-published_at", "-pk")
        )

    def for_feed(self):
        """Cards with the authors each entry names and the section it is filed under."""
        return self.for_cards().select_related("section").prefetch_related("authors")

    def for_cards(self):
        """A listing with each article's public mentions, entities included, in one more query."""
        return self.for_listing().prefetch_related(
            Prefetch(
                "mentions",
                queryset=Mention.objects.public().select_related("entity"),
                to_attr="public_mentions",
            )
        )

    def naming_kind(self, kind):
        """Articles that publicly mention at least one entity of ``kind``."""
        return self.filter(
            Exists(Mention.objects.public().filter(article=OuterRef("pk"), entity__kind=kind))
        )

    def with_snippet_for(self, entity):
        """Annotate ``snippet``: the sentence where each article first names ``entity``."""
        mention = Mention.objects.filter(article=OuterRef("pk"), entity=entity)
        return self.annotate(snippet=Subquery(mention.values("snippet")[:1]))

    def related_to(self, article):
        """Other articles, ranked by how many entities they publicly share with ``article``."""
        entities = Mention.objects.public().filter(article=article).values("entity")
        return (
            self.exclude(pk=article.pk)
            .filter(mentions__entity__in=entities, mentions__state__in=Mention.PUBLIC_STATES)
            # Counting rows, not mention ids, lets the database count from the index of
            # public mentions by entity without reading the mentions themselves.
            .annotate(shared_count=Count("*"))
            .defer("body", "body_html")
            .order_by("-shared_count", "-published_at", "-pk")
        )

    def matching(self, text, entities=None):
        """Articles whose title, standfirst or body match ``text``, or that publicly
        mention one of ``entities`` (so searching for an alias finds the articles too).

        PostgreSQL gets full-text search (websearch syntax) annotated with ``rank``;
        other databases a plain case-insensitive containment test.
        """
        if connection.vendor == "postgresql":
            query = SearchQuery(text, search_type="websearch", config="english")
            queryset = self.annotate(rank=SearchRank(F("search_vector"), query))
            matches = Q(search_vector=query)
        else:
            queryset = self
            matches = Q(title__icontains=text) | Q(dek__icontains=text) | Q(body__icontains=text)
        if entities is None:
            return queryset.filter(matches)
        # One set of ids from the text index, one from the mentions: each side reads its
        # own index, which an OR of the two conditions would not let the database do.
        matching = self.model.objects.filter(matches).order_by().values("pk")
        mentioned = Mention.objects.public().filter(entity__in=entities).order_by()
        return queryset.filter(pk__in=matching.union(mentioned.values("article")))

    def search(self, text, entities=None):
        """``matching(text, entities)``, best match first where the database can rank."""
        results = self.matching(text, entities)
        if connection.vendor == "postgresql":
            return results.order_by("-rank", "-published_at", "-pk")
        return results.order_by("-published_at", "-pk")

    def date_span(self):
        """``{"first": ..., "last": ...}``: the earliest and latest publication times."""
        return self.aggregate(first=Min("published_at"), last=Max("published_at"))

    def scheduled(self):
        """Published with a time still to come, the soonest first."""
        return self.filter(
            status=self.model.Status.PUBLISHED, published_at__gt=timezone.now()
        ).order_by("published_at", "pk")

    def next_publication(self):
        """When the next scheduled article comes out, or None when none is scheduled."""
        return self.scheduled().aggregate(next=Min("published_at"))["next"]

    def with_mention_counts(self):
        """Annotate ``mention_count``: the article's public mentions. Counted per row
        shown, not by grouping the whole filtered table with its mentions."""
        public = Mention.objects.public().filter(article=OuterRef("pk")).order_by()
        count = public.values("article").annotate(count=Count("pk")).values("count")
        return self.annotate(mention_count=Coalesce(Subquery(count), 0))

    def with_suggestion_counts(self):
        """Annotate ``suggestion_count``: the places waiting for an editor's decision."""
        waiting = Occurrence.objects.filter(
            article=OuterRef("pk"), state=Occurrence.State.SUGGESTED
        )
        count = waiting.order_by().values("article").annotate(count=Count("pk")).values("count")
        return self.annotate(suggestion_count=Coalesce(Subquery(count), 0))
