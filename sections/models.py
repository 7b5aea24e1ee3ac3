from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from newsroom.slugs import SlugFromNameMixin


class Section(SlugFromNameMixin, models.Model):
    """A part of the paper an editor keeps (Politics, Education, Economy), with a page."""

    name = models.CharField(max_length=100, unique=True)
    name_ru = models.CharField("name in Russian", max_length=100, blank=True)
    name_kk = models.CharField("name in Kazakh", max_length=100, blank=True)
    slug = models.SlugField(
        max_length=100,
        unique=True,
        blank=True,
        help_text="Part of the public address. Made from the name when left empty.",
    )
    description = models.TextField(blank=True, help_text="A sentence for the section's page.")
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order among the sections: lower comes first."
    )

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("sections:detail", kwargs={"slug": self.slug})

    def display_name(self, language):
        """The name in ``language`` where the section has one, else its name."""
        return getattr(self, f"name_{language}", "") or self.name
