"""Aliases: the other written forms of an entity's name that the linker looks for."""

from django.db import models
from django.db.models.functions import Lower

from .validation import cleaned_name


class Alias(models.Model):
    """Another written form of an entity's name: a spelling, short name or other script."""

    class Kind(models.TextChoices):
        NAME = "name", "Full name or spelling"
        SHORT = "short", "Short name or abbreviation"
        SURNAME = "surname", "Surname alone"
        FORMER = "former", "Former name"

    entity = models.ForeignKey("Entity", on_delete=models.CASCADE, related_name="aliases")
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
    is_common_word = models.BooleanField(
        "common word",
        default=False,
        help_text='Also an ordinary word ("Bolashak" means "future"): '
        "links only when written with the same capitals.",
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
