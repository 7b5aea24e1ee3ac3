"""Articles and the entities they mention."""

from django.conf import settings
from django.db import connection, models
from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Greatest
from django.urls import reverse
from django.utils import timezone

from institutions.models import Entity
from newsroom.slugs import unique_slug


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What readers may see: published, with a publication time that has come."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def mentioning(self, entity):
        """Articles whose mention of ``entity`` an editor has not rejected or left pending."""
        return self.filter(mentions__entity=entity, mentions__state__in=Mention.PUBLIC_STATES)

    def for_listing(self):
        """The columns a list of articles shows, newest first; the body stays behind."""
        return self.defer("body", "body_html").order_by("-published_at", "-pk")

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

    def related_to(self, article, entity_ids):
        """Other articles ranked by how many of ``entity_ids`` they publicly mention."""
        return (
            self.exclude(pk=article.pk)
            .filter(mentions__entity__in=entity_ids, mentions__state__in=Mention.PUBLIC_STATES)
            .annotate(shared_count=Count("mentions"))
            .defer("body", "body_html")
            .order_by("-shared_count", "-published_at", "-pk")
        )

    def matching(self, text):
        """Articles whose title, standfirst or body match ``text``.

        PostgreSQL gets full-text search (websearch syntax) annotated with ``rank``;
        other databases a plain case-insensitive containment test.
        """
        if connection.vendor == "postgresql":
            from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

            vector = (
                SearchVector("title", weight="A", config="english")
                + SearchVector("dek", weight="B", config="english")
                + SearchVector("body", weight="C", config="english")
            )
            query = SearchQuery(text, search_type="websearch", config="english")
            return self.annotate(rank=SearchRank(vector, query)).filter(rank__gt=0)
        return self.filter(
            Q(title__icontains=text) | Q(dek__icontains=text) | Q(body__icontains=text)
        )

    def search(self, text):
        """``matching(text)``, best match first where the database can rank."""
        results = self.matching(text)
        if connection.vendor == "postgresql":
            return results.order_by("-rank", "-published_at", "-pk")
        return results.order_by("-published_at", "-pk")

    def last_changed(self):
        """When the newest change became visible: an edit, or a scheduled publication."""
        return self.aggregate(
            changed=Max(Greatest("updated_at", "published_at")),
        )["changed"]

    def with_mention_counts(self):
        return self.annotate(
            mention_count=Count("mentions", filter=Q(mentions__state__in=Mention.PUBLIC_STATES))
        )


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        REVIEW = "review", "In review"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=300)
    slug = models.SlugField(
        max_length=255,
        unique=True,
        blank=True,
        help_text="Part of the public address. Made from the title when left empty.",
    )
    dek = models.TextField(
        "standfirst", blank=True, help_text="One or two sentences under the headline."
    )
    seo_title = models.CharField(
        "alternative headline",
        max_length=300,
        blank=True,
        help_text="Shown to search engines and social networks instead of the headline.",
    )
    byline = models.CharField(max_length=200, blank=True)
    body = models.TextField(blank=True, help_text="Markdown.")
    body_html = models.TextField(editable=False, blank=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(
        null=True, blank=True, help_text="Set when the article is published; may be in the future."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    lead_image = models.ImageField(upload_to="articles/%Y/%m/", blank=True)
    lead_image_alt = models.CharField(
        "lead image alt text",
        max_length=300,
        blank=True,
        help_text="What the image shows, for readers who cannot see it.",
    )
    lead_image_credit = models.CharField(max_length=200, blank=True)
    source_name = models.CharField(max_length=200, blank=True)
    source_url = models.URLField(max_length=500, blank=True)
    source_file = models.CharField(
        max_length=255, blank=True, editable=False, help_text="Seed file it was imported from."
    )
    source_hash = models.CharField(
        max_length=64,
        blank=True,
        editable=False,
        db_index=True,
        help_text="SHA-256 of the imported source text.",
    )
    imported_at = models.DateTimeField(null=True, blank=True, editable=False)
    imported_fingerprint = models.CharField(
        max_length=64,
        blank=True,
        editable=False,
        help_text="Fingerprint of the fields as imported; differs once an editor edits them.",
    )
    quality_flags = models.JSONField(
        default=list,
        blank=True,
        editable=False,
        help_text="Sentences the importer thinks an editor should check.",
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        permissions = [("publish_article", "Can publish and unpublish articles")]
        indexes = [models.Index(fields=["status", "-published_at"], name="article_status_pub")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="article_published_has_date",
                violation_error_message="A published article needs a publication date.",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.title, fallback="article")
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    @property
    def is_public(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )


class MentionQuerySet(models.QuerySet):
    def public(self):
        """Mentions readers see: linked automatically or confirmed by an editor."""
        return self.filter(state__in=Mention.PUBLIC_STATES)

    def in_published_articles(self):
        return self.public().filter(article__in=Article.objects.published())


class Mention(models.Model):
    """An entity named in an article, and what an editor decided about it."""

    class State(models.TextChoices):
        AUTO = "auto", "Linked automatically"
        CONFIRMED = "confirmed", "Confirmed by an editor"
        SUGGESTED = "suggested", "Suggested, awaiting an editor"
        REJECTED = "rejected", "Rejected by an editor"

    PUBLIC_STATES = (State.AUTO, State.CONFIRMED)
    EDITOR_STATES = (State.CONFIRMED, State.REJECTED)

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="mentions")
    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="mentions")
    state = models.CharField(max_length=10, choices=State.choices, default=State.SUGGESTED)
    is_about = models.BooleanField(
        "article is about it", default=False, help_text="The entity is a subject of the article."
    )
    count = models.PositiveIntegerField(default=0, help_text="Times named in title, dek and body.")
    first_offset = models.PositiveIntegerField(null=True, blank=True)
    matched_text = models.CharField(max_length=255, blank=True)
    snippet = models.TextField(blank=True, help_text="The sentence of the first mention.")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = MentionQuerySet.as_manager()

    class Meta:
        ordering = ["first_offset", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "entity"], name="mention_unique_per_article"
            ),
        ]
        indexes = [models.Index(fields=["entity", "state"], name="mention_entity_state")]

    def __str__(self):
        return f"{self.entity} in {self.article}"

    @property
    def is_public(self):
        return self.state in self.PUBLIC_STATES
