"""Entities: the institutions and officials that articles mention, and their querysets."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, RegexValidator
from django.db import models
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    Func,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from newsroom.addresses import refuse_former_address
from newsroom.images import SafeImageField
from newsroom.slugs import unique_slug
from newsroom.text import clean_plain_text, looks_like_markup

from ..articles import article_model
from .aliases import Alias
from .redirects import EntityRedirect
from .roles import Appointment, Post
from .validation import cleaned_name, not_before

SUMMARY_MAX_LENGTH = 1000

wikidata_id_validator = RegexValidator(
    r"^Q[1-9][0-9]*$", "A Wikidata id is a Q followed by digits, e.g. Q42."
)


class EntityQuerySet(models.QuerySet):
    def institutions(self):
        return self.filter(kind=Entity.Kind.INSTITUTION)

    def officials(self):
        return self.filter(kind=Entity.Kind.OFFICIAL)

    def with_article_counts(self):
        """Annotate ``article_count``: published articles that publicly mention each entity.

        Counted per entity shown, by a subquery that reads only that entity's mentions,
        rather than by grouping every mention with its entity. The count is one
        aggregate row without GROUP BY, so an entity nobody names counts 0.
        """
        articles = article_model().objects.published().mentioning(OuterRef("pk"))
        count = Func(F("pk"), function="COUNT", output_field=models.IntegerField())
        return self.annotate(
            article_count=Subquery(articles.order_by().annotate(count=count).values("count"))
        )

    def named_in(self, **entity_lookups):
        """Entities matching ``entity_lookups`` (from an article queryset's
        ``entity_mention_lookups()``), ranked by ``shared_count``.

        The lookups join one row per article naming the entity, so counting the rows
        counts the articles: no second pass over the mentions, and no DISTINCT (which
        would sort every row).
        """
        return (
            self.filter(**entity_lookups)
            .annotate(shared_count=Count("pk"))
            .order_by("-shared_count", "name")
        )

    def search(self, text):
        """Entities whose name or an alias contains ``text``; exact names first."""
        aliases = Alias.objects.filter(entity=OuterRef("pk"))
        exact = Q(name__iexact=text) | Exists(aliases.filter(name__iexact=text))
        return (
            self.filter(Q(name__icontains=text) | Exists(aliases.filter(name__icontains=text)))
            .annotate(exactness=Case(When(exact, then=Value(0)), default=Value(1)))
            .order_by("exactness", "name")
        )


class Entity(models.Model):
    """The one identity that aliases and article mentions point at."""

    class Kind(models.TextChoices):
        INSTITUTION = "institution", _("Institution")
        OFFICIAL = "official", _("Official")

    name = models.CharField(
        max_length=255,
        help_text="Canonical name, as the site shows it and structured data uses it.",
    )
    slug = models.SlugField(
        max_length=255,
        unique=True,
        blank=True,
        help_text="Part of the public address. Made from the name when left empty.",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, editable=False)
    summary = models.TextField(
        blank=True,
        validators=[MaxLengthValidator(SUMMARY_MAX_LENGTH)],
        help_text="One or two plain sentences for readers; no HTML or Markdown.",
    )
    # The name and summary in Russian and Kazakh, where they differ from the canonical
    # ones; pages in those languages show them, the linker still reads only the aliases.
    name_ru = models.CharField("name in Russian", max_length=255, blank=True)
    name_kk = models.CharField("name in Kazakh", max_length=255, blank=True)
    summary_ru = models.TextField(
        "summary in Russian", blank=True, validators=[MaxLengthValidator(SUMMARY_MAX_LENGTH)]
    )
    summary_kk = models.TextField(
        "summary in Kazakh", blank=True, validators=[MaxLengthValidator(SUMMARY_MAX_LENGTH)]
    )
    wikidata_id = models.CharField(
        "Wikidata id",
        max_length=20,
        blank=True,
        validators=[wikidata_id_validator],
        help_text="E.g. Q42. Leave empty unless you are sure.",
    )
    image = SafeImageField(
        upload_to="entities/%Y/",
        blank=True,
        help_text="JPEG, PNG, WebP or GIF, up to 10 MB; camera metadata is removed.",
    )
    image_alt = models.CharField("image alt text", max_length=255, blank=True)
    image_credit = models.CharField(max_length=255, blank=True)
    library_image = models.ForeignKey(
        "media_library.Image",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="portrait_of",
        verbose_name="portrait or logo from the library",
        help_text="Shown on the entity's page and when it is shared; replaces the image above.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EntityQuerySet.as_manager()

    entity_kind = None

    class Meta:
        ordering = ["name"]
        verbose_name = _("entity")
        verbose_name_plural = _("entities")
        indexes = [models.Index(fields=["kind", "name"])]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self._set_kind()
        if not self.slug:
            self.slug = unique_slug(self, self.name, fallback=self.kind or "entity")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        route = (
            "institutions:official_detail"
            if self.kind == self.Kind.OFFICIAL
            else "institutions:institution_detail"
        )
        return reverse(route, kwargs={"slug": self.slug})

    def display_name(self, language):
        """The name readers of ``language`` see: its own form, or the canonical one."""
        return getattr(self, f"name_{language}", "") or self.name

    def display_summary(self, language):
        return getattr(self, f"summary_{language}", "") or self.summary

    def clean_fields(self, exclude=None):
        self._set_kind()
        super().clean_fields(exclude)

    def _set_kind(self):
        # The subclass decides the kind; a bare Entity keeps the one it was given.
        self.kind = self.entity_kind or self.kind

    def clean(self):
        self.name = cleaned_name(self.name)
        self.summary = clean_plain_text(self.summary)
        for field in ("name_ru", "name_kk"):
            if getattr(self, field).strip():
                setattr(self, field, cleaned_name(getattr(self, field), field))
        self.summary_ru = clean_plain_text(self.summary_ru)
        self.summary_kk = clean_plain_text(self.summary_kk)
        if looks_like_markup(self.summary):
            raise ValidationError({"summary": "Write the summary as plain text, without HTML."})
        refuse_former_address(EntityRedirect.objects, self)


class InstitutionQuerySet(EntityQuerySet):
    def for_detail(self):
        """An institution with its parent, successor and child institutions."""
        return self.select_related("parent", "superseded_by").prefetch_related(
            Prefetch("children", queryset=Institution.objects.order_by("name"))
        )

    def with_posts(self):
        """Each post with its appointments, newest first, and the officials who held them."""
        return self.prefetch_related(
            Prefetch(
                "posts",
                queryset=Post.objects.order_by("label").prefetch_related(
                    Prefetch(
                        "appointments",
                        queryset=Appointment.objects.select_related("official").order_by(
                            F("start_date").desc(nulls_last=True)
                        ),
                    )
                ),
            )
        )


class OfficialQuerySet(EntityQuerySet):
    def with_appointments(self):
        """Every appointment with its post and institution, newest first."""
        return self.prefetch_related(
            Prefetch(
                "appointments",
                queryset=Appointment.objects.select_related("post__institution").order_by(
                    F("start_date").desc(nulls_last=True)
                ),
            )
        )

    def with_roles_on(self, day):
        """Prefetch ``roles``: the appointments each official held on ``day``."""
        return self.prefetch_related(
            Prefetch(
                "appointments",
                queryset=Appointment.objects.held_on(day).select_related("post__institution"),
                to_attr="roles",
            )
        )


class Institution(Entity):
    class Classification(models.TextChoices):
        STATE = "state", _("State")
        HEAD_OF_STATE = "head_of_state", _("Head of state's office")
        PARLIAMENT = "parliament", _("Parliament")
        CHAMBER = "chamber", _("Parliament chamber")
        GOVERNMENT = "government", _("Government")
        MINISTRY = "ministry", _("Ministry")
        AGENCY = "agency", _("Agency")
        UNIVERSITY = "university", _("University")
        COLLEGE = "college", _("College or institute")
        WORKSHOP = "workshop", _("Workshop")
        CENTRE = "centre", _("Centre")
        COMPANY = "company", _("Company")
        ORGANISATION = "organisation", _("Organisation")

    classification = models.CharField(
        max_length=20, choices=Classification.choices, default=Classification.ORGANISATION
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        help_text="The institution this one belongs to, e.g. a university for its workshop.",
    )
    city = models.CharField(max_length=120, blank=True)
    country = models.CharField(max_length=120, blank=True)
    founded = models.DateField(null=True, blank=True)
    dissolved = models.DateField(null=True, blank=True)
    superseded_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="supersedes",
        help_text="For a renamed or merged institution: the one that replaced it.",
    )

    objects = InstitutionQuerySet.as_manager()

    entity_kind = Entity.Kind.INSTITUTION

    class Meta:
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        ordering = ["name"]
        constraints = [
            not_before(
                "dissolved",
                "founded",
                name="institution_dissolved_after_founded",
                message="An institution cannot be dissolved before it was founded.",
            ),
        ]


class Official(Entity):
    given_name = models.CharField(max_length=120, blank=True)
    family_name = models.CharField(max_length=120, blank=True)

    objects = OfficialQuerySet.as_manager()

    entity_kind = Entity.Kind.OFFICIAL

    class Meta:
        verbose_name = _("official")
        verbose_name_plural = _("officials")
        ordering = ["name"]
