"""The image library: each picture uploaded once, with its alt text and credit, and
reused as a lead image, inside article bodies and on entity pages."""

from functools import partial
from typing import NamedTuple

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.utils.functional import cached_property

from newsroom.images import SafeImageField


class LibraryImageField(SafeImageField):
    # The library makes its own copies, at several widths and crops (renditions.py).
    makes_page_copy = False


class SharedCopy(NamedTuple):
    url: str


def _fraction(name):
    return models.FloatField(
        name,
        default=0.5,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text="Where the subject is, from 0 (left or top) to 1; click the preview to set it.",
    )


class Image(models.Model):
    file = LibraryImageField(
        upload_to="library/%Y/%m/",
        width_field="width",
        height_field="height",
        help_text="JPEG, PNG, WebP or GIF, up to 10 MB; camera metadata is removed.",
    )
    title = models.CharField(max_length=200, help_text="For finding the image in the library.")
    alt_text = models.CharField(
        "alt text",
        max_length=300,
        help_text="What the image shows, for readers who cannot see it.",
    )
    credit = models.CharField(max_length=200, help_text="Who made the image, e.g. “Aigerim N.”")
    caption = models.CharField(max_length=500, blank=True)
    focal_x = _fraction("focal point across")
    focal_y = _fraction("focal point down")
    width = models.PositiveIntegerField(editable=False, null=True)
    height = models.PositiveIntegerField(editable=False, null=True)
    renditions = models.JSONField(
        default=dict,
        blank=True,
        editable=False,
        help_text="The smaller copies made in the background, and what they were made from.",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # The task does nothing when the copies already match the file and focal point.
        from .tasks import make_renditions  # the task reads this model

        transaction.on_commit(partial(make_renditions.enqueue, self.pk), robust=True)

    def reference(self):
        """What an editor writes in an article's Markdown to place this image."""
        alt = self.alt_text.replace("[", "\\[").replace("]", "\\]")
        return f"![{alt}](image:{self.pk})"

    @cached_property
    def for_sharing(self):
        """The copy cropped for sharing (1200 by 630 around the focal point), as a file
        with a ``url``; the file itself until it is made; None when the file is lost."""
        share = self.renditions.get("share")
        if share:
            return SharedCopy(self.file.storage.url(share["name"]))
        return self.file if self.file_exists() else None

    def file_exists(self):
        try:
            return bool(self.file) and self.file.storage.exists(self.file.name)
        except (OSError, ValueError):
            return False
