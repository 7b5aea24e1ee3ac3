"""The addresses an institution or official had before its slug changed."""

from django.db import models

from newsroom.addresses import FormerSlug


class EntityRedirect(FormerSlug):
    owner_field = "entity"

    entity = models.ForeignKey(
        "institutions.Entity", on_delete=models.CASCADE, related_name="former_slugs"
    )

    class Meta(FormerSlug.Meta):
        verbose_name = "entity redirect"
