from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from newsroom.images import SafeImageField
from newsroom.slugs import SlugFromNameMixin


class Author(SlugFromNameMixin, models.Model):
    """A journalist's public profile: the page their bylines link to."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200,
        unique=True,
        blank=True,
        help_text="Part of the public address. Made from the name when left empty.",
    )
    role = models.CharField(max_length=200, blank=True, help_text='E.g. "Education correspondent".')
    bio = models.TextField(blank=True, help_text="A short paragraph for the author's page.")
    photo = SafeImageField(upload_to="authors/", blank=True)
    photo_alt = models.CharField("photo alt text", max_length=300, blank=True)
    links = models.TextField(
        blank=True, help_text="Addresses of the author's own pages (site, X, Telegram), one a line."
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author_profile",
        help_text="The staff account this journalist logs in with, if any.",
    )

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("authors:detail", kwargs={"slug": self.slug})

    def clean(self):
        validate = URLValidator(schemes=["http", "https"])
        for link in self.link_list():
            try:
                validate(link)
            except ValidationError:
                raise ValidationError(
                    {"links": f"{link!r} is not a web address (http:// or https://)."}
                ) from None
        if self.photo and not self.photo_alt:
            raise ValidationError(
                {"photo_alt": "Describe the photo for readers who cannot see it."}
            )

    def link_list(self):
        return [line.strip() for line in self.links.splitlines() if line.strip()]
