"""Revisions: an article's content as each save left it."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property

from .articles import Article


class Revision(models.Model):
    """The content of an article as one save left it, to read, compare and restore.

    ``content`` is a snapshot of ``Article.editable_fields()``, each written as the field
    itself serialises it, so a field added to ``Article`` is kept here with no change.
    """

    class Kind(models.TextChoices):
        CREATED = "created", "Created"
        EDITED = "edited", "Edited"
        SUBMITTED = "submitted", "Submitted for review"
        RETURNED = "returned", "Returned with a note"
        SCHEDULED = "scheduled", "Scheduled"
        PUBLISHED = "published", "Published"
        UNPUBLISHED = "unpublished", "Unpublished"
        CORRECTED = "corrected", "Correction added"
        RESTORED = "restored", "Restored"
        IMPORTED = "imported", "Imported"

    # Publishing is a decision of its own: restoring brings back what the article said,
    # never whether, when or at which address it is public.
    NOT_RESTORED = frozenset({"status", "published_at", "slug"})

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField()
    content = models.JSONField(
        default=dict, help_text="The article's editable fields as this save left them."
    )
    kind = models.CharField(
        "what happened", max_length=12, choices=Kind.choices, default=Kind.EDITED
    )
    note = models.CharField(max_length=200, blank=True, help_text="Why this save happened.")
    links = models.JSONField(
        default=dict,
        blank=True,
        help_text="The entities the article named while at this version, by id: "
        "{name, state}; kept up to date with editors' decisions until the next save.",
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["article", "-version"]
        get_latest_by = "version"
        constraints = [
            models.UniqueConstraint(
                fields=["article", "version"], name="revision_unique_version_per_article"
            ),
        ]

    def __str__(self):
        return f"{self.article} (version {self.version})"

    @classmethod
    def restored_fields(cls):
        """The fields restoring a revision brings back."""
        return [field for field in Article.editable_fields() if field.name not in cls.NOT_RESTORED]

    @classmethod
    def of(cls, article, *, by=None, kind=Kind.EDITED, note=""):
        """An unsaved revision holding ``article``'s current content."""
        return cls(
            article=article,
            version=article.version,
            content=cls.content_of(article),
            created_by=by,
            kind=kind,
            note=note,
        )

    @staticmethod
    def content_of(article):
        """``article``'s editable fields as a revision keeps them: equal contents, same text."""
        return {field.name: _serialise(field, article) for field in Article.editable_fields()}

    @property
    def label(self):
        """What happened, as the history reads: "Restored (version 6)"."""
        kind = self.get_kind_display()
        return f"{kind} ({self.note})" if self.note and self.note != kind else kind

    @cached_property
    def saved(self):
        """An unsaved ``Article`` holding this revision's content, to read it as one."""
        return Article(
            **{
                field.name: _deserialise(field, self.content[field.name])
                for field in Article.editable_fields()
                if field.name in self.content
            }
        )

    def restore_onto(self, article):
        """Put this revision's content back on ``article`` (unsaved), publication aside.

        A field added to ``Article`` after this revision was saved keeps its current value.
        """
        for field in self.restored_fields():
            if field.name in self.content:
                setattr(article, field.name, getattr(self.saved, field.name))


def _serialise(field, instance):
    # As Django's serializers do: text for JSON, and None kept apart from "".
    if field.value_from_object(instance) is None:
        return None
    return field.value_to_string(instance)


def _deserialise(field, value):
    return None if value is None else field.to_python(value)
