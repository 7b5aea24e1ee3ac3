"""Readable, unique URL slugs from names written in any script."""

from anyascii import anyascii
from django.utils.text import slugify


def slugify_any(value, fallback="item"):
    """Return a Latin slug for ``value``: "Мажилис" becomes "mazhilis".

    Names made only of punctuation or symbols still get a slug, ``fallback``.
    """
    return slugify(anyascii(value or "")) or fallback


def unique_slug(instance, value, field_name="slug", fallback="item"):
    """A slug for ``instance`` from ``value`` that no other row of its table uses.

    A clash gets a numeric suffix ("lu-ban-2"), kept within the field's max length.
    """
    field = instance._meta.get_field(field_name)
    base = slugify_any(value, fallback)[: field.max_length].strip("-") or fallback
    manager = type(instance)._base_manager
    # Multi-table children share the parent's slug column: check against the table
    # that owns the field so an institution and an official cannot collide.
    owner = field.model
    if owner is not type(instance):
        manager = owner._base_manager
    taken = set(
        manager.filter(**{f"{field_name}__startswith": base})
        .exclude(pk=instance.pk)
        .values_list(field_name, flat=True)
    )
    return free_slug(base, taken, field.max_length)


def free_slug(base, taken, max_length):
    """``base``, or ``base`` with the first numeric suffix ("-2", "-3"...) not in ``taken``."""
    candidate, number = base, 2
    while candidate in taken:
        suffix = f"-{number}"
        candidate = base[: max_length - len(suffix)].rstrip("-") + suffix
        number += 1
    return candidate


class SlugFromNameMixin:
    """For a model with ``name`` and ``slug``: a slug left empty is made from the name."""

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name)
        super().save(*args, **kwargs)
