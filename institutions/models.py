"""The entity registry: the institutions and officials that articles mention."""

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
from django.db.models.functions import Lower
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from newsroom.images import SafeImageField
from newsroom.slugs import unique_slug
from newsroom.text import clean_name, clean_plain_text, looks_like_markup

from .articles import article_model

SUMMARY_MAX_LENGTH = 1000

wikidata_id_validator = RegexValidator(
    r"^Q[1-9][0-9]*$", "A Wikidata id is a Q followed by digits, e.g. Q42."
)


def cleaned_name(value, field="name"):
    """``value`` cleaned for storage, or a ValidationError naming ``field``."""
    name = clean_name(value)
    if not any(char.isalnum() for char in name):
        raise ValidationError({field: "A name needs at least one visible letter or digit."})
    return name


def not_before(later, earlier, *, name, message):
    """A database check that date ``later`` is not before ``earlier`` when both are known."""
    return models.CheckConstraint(
        condition=Q(**{f"{later}__isnull": True})
        | Q(**{f"{earlier}__isnull": True})
        | Q(**{f"{later}__gte": F(earlier)}),
        name=name,
        violation_error_message=message,
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
        INSTITUTION = "institution", "Institution"
        OFFICIAL = "official", "Official"

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
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EntityQuerySet.as_manager()

    entity_kind = None

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "entities"
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

    def clean_fields(self, exclude=None):
        self._set_kind()
        super().clean_fields(exclude)

    def _set_kind(self):
        # The subclass decides the kind; a bare Entity keeps the one it was given.
        self.kind = self.entity_kind or self.kind

    def clean(self):
        self.name = cleaned_name(self.name)
        self.summary = clean_plain_text(self.summary)
        if looks_like_markup(self.summary):
            raise ValidationError({"summary": "Write the summary as plain text, without HTML."})


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
        STATE = "state", "State"
        HEAD_OF_STATE = "head_of_state", "Head of state's office"
        PARLIAMENT = "parliament", "Parliament"
        CHAMBER = "chamber", "Parliament chamber"
        GOVERNMENT = "government", "Government"
        MINISTRY = "ministry", "Ministry"
        AGENCY = "agency", "Agency"
        UNIVERSITY = "university", "University"
        COLLEGE = "college", "College or institute"
        WORKSHOP = "workshop", "Workshop"
        CENTRE = "centre", "Centre"
        COMPANY = "company", "Company"
        ORGANISATION = "organisation", "Organisation"

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
        ordering = ["name"]


class Post(models.Model):
    """A role at an institution, such as the Speaker of the Mazhilis."""

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="posts")
    label = models.CharField(max_length=200, help_text='E.g. "Speaker" or "Minister".')

    class Meta:
        ordering = ["institution__name", "label"]
        constraints = [
            models.UniqueConstraint(
                "institution", Lower("label"), name="post_unique_label_per_institution"
            )
        ]

    def __str__(self):
        return f"{self.label}, {self.institution.name}"


class AppointmentQuerySet(models.QuerySet):
    def held_on(self, day):
        """Appointments in force on ``day``; an open start or end counts as in force."""
        return self.filter(
            Q(start_date__isnull=True) | Q(start_date__lte=day),
            Q(end_date__isnull=True) | Q(end_date__gte=day),
        )


class Appointment(models.Model):
    official = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="appointments")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="appointments")
    start_date = models.DateField(null=True, blank=True, help_text="Leave empty if unknown.")
    end_date = models.DateField(null=True, blank=True, help_text="Empty while in office.")

    objects = AppointmentQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            not_before(
                "end_date",
                "start_date",
                name="appointment_ends_after_start",
                message="An appointment cannot end before it starts.",
            ),
        ]
        indexes = [models.Index(fields=["official", "start_date"])]

    def __str__(self):
        return f"{self.official} — {self.post}"

    @property
    def is_current(self):
        return self.end_date is None or self.end_date >= timezone.localdate()


class Alias(models.Model):
    """Another written form of an entity's name: a spelling, short name or other script."""

    class Kind(models.TextChoices):
        NAME = "name", "Full name or spelling"
        SHORT = "short", "Short name or abbreviation"
        SURNAME = "surname", "Surname alone"
        FORMER = "former", "Former name"

    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=255)
    kind = models.CharField(
        max_length=10,
        choices=Kind.choices,
        default=Kind.NAME,
        help_text="Short names and surnames link only where no other entity shares them.",
    )
    language = models.CharField(
        max_length=20,
        blank=True,
        help_text='Language and script tag, e.g. "en", "ru", "kk-Cyrl".',
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["entity__name", "name"]
        verbose_name_plural = "aliases"
        constraints = [
            models.UniqueConstraint("entity", Lower("name"), name="alias_unique_name_per_entity"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        self.name = cleaned_name(self.name)


def _articles(count):
    return f"{count:,} article{pluralize(count)}"


class RelinkJobQuerySet(models.QuerySet):
    def latest_for(self, entity):
        """The newest job that relinks after a change to ``entity``, or None."""
        return self.filter(entities=entity).order_by("-created_at", "-pk").first()


class RelinkJob(models.Model):
    """One relink of the articles a transaction of registry changes may affect.

    The articles app runs it (as a background task); the record lives here so that the
    registry's own screens can show whether an entity's links are up to date.
    """

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    entities = models.ManyToManyField(Entity, related_name="relink_jobs", blank=True)
    spellings = models.JSONField(
        default=list, blank=True, help_text="The names and aliases added, changed or removed."
    )
    article_ids = models.JSONField(
        default=list,
        blank=True,
        help_text="Articles to relink whatever they contain (they linked a deleted entity).",
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    total = models.PositiveIntegerField(default=0, help_text="Articles to relink.")
    done = models.PositiveIntegerField(default=0, help_text="Articles relinked so far.")
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = RelinkJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "relink job"

    def __str__(self):
        if self.state == self.State.QUEUED:
            return "waiting to relink"
        if self.state == self.State.RUNNING:
            return f"relinking {_articles(self.total)} ({self.done:,} done)"
        if self.state == self.State.FAILED:
            return f"failed: {self.error}"
        finished = date_format(timezone.localtime(self.finished_at), "j F H:i")
        return f"up to date (relinked {finished}, {_articles(self.total)})"

    def start(self):
        """Claim a queued job; False when it already ran or runs elsewhere, so a task
        delivered twice, or a job the seed loader ran itself, relinks only once."""
        now = timezone.now()
        claimed = RelinkJob.objects.filter(pk=self.pk, state=self.State.QUEUED).update(
            state=self.State.RUNNING, started_at=now
        )
        if claimed:
            self.state, self.started_at = self.State.RUNNING, now
        return bool(claimed)

    def record_progress(self, *, total=None, done=None):
        if total is not None:
            self.total = total
        if done is not None:
            self.done = done
        self.save(update_fields=["total", "done"])

    def finish(self):
        self.state, self.done, self.finished_at = self.State.DONE, self.total, timezone.now()
        self.save(update_fields=["state", "done", "finished_at"])

    def fail(self, error):
        self.state, self.finished_at = self.State.FAILED, timezone.now()
        self.error = str(error) or type(error).__name__
        self.save(update_fields=["state", "error", "finished_at"])
