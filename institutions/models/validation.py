"""Rules the registry's models share: what a name may be, which dates may follow which."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from newsroom.text import clean_name


def cleaned_name(value, field="name"):
    """``value`` cleaned for storage, or a ValidationError naming ``field``."""
    name = clean_name(value)
    if not any(char.isalnum() for char in name):
        raise ValidationError({field: "A name needs at least one visible letter or digit."})
    return name


def not_before(later, earlier, *, name, message):
    """A database check that date ``later`` is not before ``earlier`` when both are known."""
    return models.CheckConstraint(
        condition=Q(**{f"{later}__isnull": True})
        | Q(**{f"{earlier}__isnull": True})
        | Q(**{f"{later}__gte": F(earlier)}),
        name=name,
        violation_error_message=message,
    )
