"""Occurrences: each place in an article where the linker found a name, and its decision.

A text may name an entity several times, and not always the same person: "Askar Tokayev"
early on, "President Kassym Tokayev" later. So links and editors' decisions are per place;
the per-entity ``Mention`` is derived from its occurrences by the linker.

A place is recognised across edits by two anchors, both folded (case, script and
punctuation do not matter): ``anchor``, the matched name with its whole sentence, which
follows the sentence wherever it moves; and ``near``, the matched name with the few words
on either side, which survives an edit elsewhere in a long sentence. An editor's decision
stays with a place while either anchor still finds it, and is dropped when the name or
the words around it are rewritten.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from institutions.models import Entity


class OccurrenceQuerySet(models.QuerySet):
    def naming(self, entity_id):
        """The places that count for the entity: found for it and not linked to another
        by an editor, or linked to it by an editor."""
        found = Q(entity_id=entity_id) & ~Q(state=Occurrence.State.REASSIGNED)
        return self.filter(found | Q(reassigned_to_id=entity_id))

    def suggested(self):
        """The places waiting for an editor, newest articles first, in reading order."""
        return (
            self.filter(state=Occurrence.State.SUGGESTED)
            .select_related("article", "entity")
            .order_by("-article__created_at", "-article_id", "field", "start", "pk")
        )


class Occurrence(models.Model):
    """One place in an article's title, dek or body where the linker found an entity."""

    class Field(models.TextChoices):
        TITLE = "title", "Title"
        DEK = "dek", "Dek"
        BODY = "body", "Body"

    class State(models.TextChoices):
        AUTO = "auto", "Linked automatically"
        SUGGESTED = "suggested", "Suggested, awaiting an editor"
        CONFIRMED = "confirmed", "Confirmed by an editor"
        REJECTED = "rejected", "Rejected by an editor"
        REASSIGNED = "reassigned", "Linked to another entity by an editor"

    # What the matcher decides; the rest are editors' decisions, which relinking keeps.
    MATCHER_STATES = (State.AUTO, State.SUGGESTED)
    EDITOR_STATES = (State.CONFIRMED, State.REJECTED, State.REASSIGNED)
    LINKED_STATES = (State.AUTO, State.CONFIRMED, State.REASSIGNED)

    article = models.ForeignKey("Article", on_delete=models.CASCADE, related_name="occurrences")
    entity = models.ForeignKey(
        Entity,
        on_delete=models.CASCADE,
        related_name="occurrences",
        help_text="The entity the linker found here.",
    )
    field = models.CharField(max_length=5, choices=Field.choices)
    start = models.PositiveIntegerField(help_text="In the body, an offset in its prose text.")
    end = models.PositiveIntegerField()
    matched_text = models.CharField(max_length=255)
    sentence = models.TextField(blank=True, help_text="The sentence around the name.")
    anchor = models.CharField(max_length=32, help_text="The folded name and its sentence.")
    near = models.CharField(max_length=32, help_text="The folded name and the words around it.")
    exact = models.BooleanField(default=False, help_text="The matcher was sure of it.")
    state = models.CharField(max_length=10, choices=State.choices, default=State.SUGGESTED)
    reassigned_to = models.ForeignKey(
        Entity,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reassigned_occurrences",
        help_text="The entity an editor says this place names instead.",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = OccurrenceQuerySet.as_manager()

    class Meta:
        ordering = ["article_id", "field", "start", "pk"]
        # No unique place: a relink moves stored rows to new offsets in one statement,
        # and two sentences that swapped places would collide on the way.
        constraints = [
            models.CheckConstraint(
                condition=Q(state="reassigned", reassigned_to__isnull=False)
                | (~Q(state="reassigned") & Q(reassigned_to__isnull=True)),
                name="occurrence_reassigned_has_entity",
            ),
        ]
        indexes = [
            # An entity's places in published articles, found or given by an editor.
            models.Index(fields=["entity", "article"], name="occurrence_by_entity"),
            models.Index(
                fields=["reassigned_to", "article"],
                condition=Q(reassigned_to__isnull=False),
                name="occurrence_by_reassigned",
            ),
            # The suggestions waiting for an editor, joined to the newest articles.
            models.Index(
                fields=["article", "entity"],
                condition=Q(state="suggested"),
                name="occurrence_suggested",
            ),
        ]

    def __str__(self):
        return f"{self.matched_text} ({self.get_field_display().lower()}) in {self.article}"

    @property
    def linked_entity_id(self):
        """The entity this place links to, or None."""
        if self.state == self.State.REASSIGNED:
            return self.reassigned_to_id
        return self.entity_id if self.state in self.LINKED_STATES else None

    @property
    def counted_entity_id(self):
        """The entity this place counts for in the article's summary of mentions."""
        return self.reassigned_to_id if self.state == self.State.REASSIGNED else self.entity_id
