"""Articles: what readers see, how lists and searches of them are shaped."""

import datetime
from typing import NamedTuple

from django.conf import settings
from django.contrib.postgres.search import (
    SearchVector,
    SearchVectorField,
)
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from newsroom.addresses import refuse_former_address
from newsroom.images import SafeImageField
from newsroom.slugs import unique_slug

from .queries import ArticleQuerySet, OnPostgreSQL, is_editor


class LeadPicture(NamedTuple):
    file: object
    alt_text: str
    credit: str


# Saves this close to publication or import are part of it, not later updates.
UPDATE_GRACE = datetime.timedelta(minutes=5)
# Editors hold it: they publish, and they see and edit every article at the desk.


class ArticleManager(models.Manager.from_queryset(ArticleQuerySet)):
    def get_queryset(self):
        # The search document serves the database's index; no page reads it.
        return super().get_queryset().defer("search_vector")


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("In review")
        PUBLISHED = "published", _("Published")
        UNPUBLISHED = "unpublished", _("Unpublished")

    class Kind(models.TextChoices):
        NEWS = "news", _("News")
        ANALYSIS = "analysis", _("Analysis")
        OPINION = "opinion", _("Opinion")
        INTERVIEW = "interview", _("Interview")
        EXPLAINER = "explainer", _("Explainer")

    class Language(models.TextChoices):
        KAZAKH = "kk", _("Kazakh")
        RUSSIAN = "ru", _("Russian")
        ENGLISH = "en", _("English")

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(
        _("slug"),
        max_length=255,
        unique=True,
        blank=True,
        help_text=_("Part of the public address. Made from the title when left empty."),
    )
    dek = models.TextField(
        _("standfirst"), blank=True, help_text=_("One or two sentences under the headline.")
    )
    seo_title = models.CharField(
        _("alternative headline"),
        max_length=300,
        blank=True,
        help_text=_("Shown to search engines and social networks instead of the headline."),
    )
    authors = models.ManyToManyField(
        "authors.Author",
        verbose_name=_("authors"),
        blank=True,
        related_name="articles",
        help_text=_("The journalists who wrote it, linked to their pages."),
    )
    byline = models.CharField(
        _("byline"),
        max_length=200,
        blank=True,
        help_text=_("Free text for copy with no author profile, e.g. a news agency."),
    )
    section = models.ForeignKey(
        "sections.Section",
        verbose_name=_("section"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
    )
    kind = models.CharField(
        _("type"),
        max_length=20,
        choices=Kind.choices,
        default=Kind.NEWS,
        help_text=_("Shown to readers above the headline."),
    )
    body = models.TextField(_("body"), blank=True, help_text=_("Markdown."))
    language = models.CharField(
        _("language"),
        max_length=2,
        choices=Language.choices,
        default=Language.ENGLISH,
        help_text=_("The language the article is written in; names are found in its word forms."),
    )
    translation_of = models.ForeignKey(
        "self",
        verbose_name=_("translation of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="translations",
        help_text=_("The original this article translates; its page links the other languages."),
    )
    body_html = models.TextField(editable=False, blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text=_(
            "Published with a future publication time, the article is scheduled: "
            "readers see it from that time."
        ),
    )
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        help_text=_("Set when the article is published; may be in the future."),
    )
    correction = models.TextField(
        _("correction note"),
        blank=True,
        help_text=_(
            "Shown to readers at the foot of the article, e.g. “An earlier version of "
            "this article misspelt the minister's name.” Kept in the history."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    text_updated_at = models.DateTimeField(
        _("text updated"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "When readers last saw the headline, standfirst, body or correction change "
            "after publication."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    shared_with = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("shared with"),
        blank=True,
        related_name="shared_articles",
        help_text=_(
            "Reporters who may open and edit this article while it is unpublished, "
            "besides its author. Editors see every article."
        ),
    )
    lead_image = SafeImageField(
        _("lead image"),
        upload_to="articles/%Y/%m/",
        blank=True,
        help_text=_("JPEG, PNG, WebP or GIF, up to 10 MB; camera metadata is removed."),
    )
    lead_image_alt = models.CharField(
        _("lead image alt text"),
        max_length=300,
        blank=True,
        help_text=_("What the image shows, for readers who cannot see it."),
    )
    lead_image_credit = models.CharField(_("lead image credit"), max_length=200, blank=True)
    lead = models.ForeignKey(
        "media_library.Image",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lead_of",
        verbose_name=_("lead image from the library"),
        help_text=_(
            "Shown above the article, on cards and when it is shared; "
            "replaces the uploaded lead image."
        ),
    )
    source_name = models.CharField(_("source name"), max_length=200, blank=True)
    source_url = models.URLField(_("source URL"), max_length=500, blank=True)
    source_file = models.CharField(
        _("source file"),
        max_length=255,
        blank=True,
        editable=False,
        help_text=_("Seed file it was imported from."),
    )
    source_hash = models.CharField(
        _("source hash"),
        max_length=64,
        blank=True,
        editable=False,
        db_index=True,
        help_text=_("SHA-256 of the imported source text."),
    )
    imported_at = models.DateTimeField(_("imported"), null=True, blank=True, editable=False)
    imported_fingerprint = models.CharField(
        max_length=64,
        blank=True,
        editable=False,
        help_text=_("Fingerprint of the fields as imported; differs once an editor edits them."),
    )
    quality_flags = models.JSONField(
        _("quality flags"),
        default=list,
        blank=True,
        editable=False,
        help_text=_("Sentences the importer thinks an editor should check."),
    )
    version = models.PositiveIntegerField(
        default=0,
        editable=False,
        help_text=_("Counts the saves; an edit based on an older version is refused."),
    )

    search_vector = models.GeneratedField(
        expression=OnPostgreSQL(
            SearchVector("title", weight="A", config="english")
            + SearchVector("dek", weight="B", config="english")
            + SearchVector("body", weight="C", config="english"),
        ),
        output_field=SearchVectorField(null=True),
        db_persist=True,
        serialize=False,
        help_text=_("The full-text search document; kept by PostgreSQL, NULL elsewhere."),
    )

    objects = ArticleManager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-published_at", "-pk"]
        permissions = [("publish_article", "Can publish and unpublish articles")]
        indexes = [
            # Lists, newest first: the admin's default list, and (led by the status) the
            # public list and the admin filtered by status, read in index order.
            models.Index(fields=["-published_at", "-id"], name="article_newest"),
            models.Index(fields=["status", "-published_at", "-id"], name="article_status_newest"),
            # The newest change: the sitemap index's lastmod, the admin sorted by update.
            models.Index(fields=["updated_at"], name="article_updated"),
        ]
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
        self.version += 1
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    def clean(self):
        # The redirect model refers to this one; read it through the relation.
        refuse_former_address(type(self).former_slugs.rel.related_model.objects, self)

    @classmethod
    def editable_fields(cls):
        """The fields editors write, in declaration order: what the admin form shows and
        what a revision keeps. Everything else is derived, counted or provenance."""
        return [
            field for field in cls._meta.concrete_fields if field.editable and not field.primary_key
        ]

    def author_list(self):
        """The journalists who wrote it; none before its first save (the desk's preview of
        a new article)."""
        return list(self.authors.all()) if self.pk else []

    def lead_picture(self):
        """The lead image readers see, as ``(file, alt text, credit)``: the library's when
        the article has one there, else the one uploaded with it (an empty file without
        either)."""
        if self.lead is not None:
            return LeadPicture(self.lead.file, self.lead.alt_text, self.lead.credit)
        return LeadPicture(self.lead_image, self.lead_image_alt, self.lead_image_credit)

    def credits(self):
        """Who the article is by, as a byline names them: its authors, then the free-text
        byline (an agency), in that order."""
        names = [author.name for author in self.author_list()]
        return [*names, self.byline] if self.byline else names

    def categories(self):
        """What a feed reader files the article under: its section, then the entities it
        publicly names, in the article's language. ``for_feed()`` fetches them."""
        names = [self.section.display_name(self.language)] if self.section else []
        mentions = getattr(self, "public_mentions", None)
        if mentions is None:
            mentions = self.mentions.public().select_related("entity")
        return names + sorted({mention.entity.display_name(self.language) for mention in mentions})

    @property
    def was_updated(self):
        """Whether readers' text changed after the article came out; being imported, or
        fixed in the first minutes, is no update."""
        if self.published_at is None or self.text_updated_at is None:
            return False
        came_out = max(self.published_at, self.imported_at or self.published_at)
        return self.text_updated_at - came_out > UPDATE_GRACE

    @property
    def is_scheduled(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @property
    def state_label(self):
        """The state as editors read it: a published article whose time has not come is
        "Scheduled for …", never "Published"."""
        if self.is_scheduled:
            when = date_format(timezone.localtime(self.published_at), "DATETIME_FORMAT")
            return _("Scheduled for %(when)s") % {"when": when}
        return self.get_status_display()

    def is_editable_by(self, user):
        """Whether ``user`` may change this article as it is stored."""
        if is_editor(user) or self.pk is None:
            return True
        return Article.objects.editable_by(user).filter(pk=self.pk).exists()

    def can_share(self, user):
        """Whether ``user`` may choose who else works on this article: its author or an
        editor."""
        return is_editor(user) or (self.created_by_id is not None and self.created_by_id == user.pk)

    @property
    def is_public(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )


def next_publication():
    """When the next scheduled article comes out: readers see it then with no edit made.
    In ``NEWSROOM_PAGE_CACHE_SCHEDULE``."""
    return Article.objects.next_publication()
