"""Mentions: the entities an article names, and what editors decided about each."""

from django.conf import settings
from django.db import models
from django.db.models import Prefetch, Q

from institutions.models import Appointment, Entity


class MentionQuerySet(models.QuerySet):
    def public(self):
        """Mentions readers see: linked automatically or confirmed by an editor."""
        return self.filter(state__in=Mention.PUBLIC_STATES)

    def in_published_articles(self):
        # Imported here: the article module imports this one for its querysets.
        from .articles import Article

        return self.public().filter(article__in=Article.objects.published())

    def with_entities(self, roles_on):
        """Each mention's entity with its institution or official record; for officials,
        ``entity.official.roles``: the appointments they held on the day ``roles_on``."""
        roles = Appointment.objects.held_on(roles_on).select_related("post__institution")
        return self.select_related("entity__institution", "entity__official").prefetch_related(
            Prefetch("entity__official__appointments", queryset=roles, to_attr="roles")
        )


class Mention(models.Model):
    """An entity named in an article, and what an editor decided about it."""

    class State(models.TextChoices):
        AUTO = "auto", "Linked automatically"
        CONFIRMED = "confirmed", "Confirmed by an editor"
        SUGGESTED = "suggested", "Suggested, awaiting an editor"
        REJECTED = "rejected", "Rejected by an editor"

    PUBLIC_STATES = (State.AUTO, State.CONFIRMED)
    EDITOR_STATES = (State.CONFIRMED, State.REJECTED)

    article = models.ForeignKey("Article", on_delete=models.CASCADE, related_name="mentions")
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
        indexes = [
            # An entity's page: the articles that publicly mention it, from the index
            # alone. (The class's PUBLIC_STATES is out of reach here.)
            models.Index(
                fields=["entity", "article"],
                condition=Q(state__in=["auto", "confirmed"]),
                name="mention_public_by_entity",
            ),
        ]

    def __str__(self):
        return f"{self.entity} in {self.article}"

    @property
    def is_public(self):
        return self.state in self.PUBLIC_STATES
