"""What the desk keeps beside an article: notes between reporter and editor, old addresses."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from newsroom.addresses import FormerSlug

from .articles import Article


class ReviewNote(models.Model):
    """A message that travels with an article between reporter and editor."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", "Submitted for review"
        RETURNED = "returned", "Returned with a note"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="review_notes")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    message = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="review_notes_received",
        help_text="The reporter a returned article goes back to; none for a submission, "
        "which every editor sees.",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "-created_at"], name="review_note_inbox")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.article}"


class ArticleRedirect(FormerSlug):
    owner_field = "article"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="former_slugs")

    class Meta(FormerSlug.Meta):
        verbose_name = "article redirect"
