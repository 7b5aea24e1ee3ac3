"""The edit-conflict screen: where the saved article and the refused form differ, field
by field, with a choice of side for each."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.formats import date_format

EMPTY = "(empty)"
# What an editor picks per field on the conflict screen; "mine" is the form as posted.
CHOICE_PREFIX = "conflict-"
THEIRS = "theirs"


def _shown(field, value):
    """``value`` as an editor reads it on the form."""
    if value in (None, "", []):
        return EMPTY
    if isinstance(field, forms.ModelChoiceField):
        pk = getattr(value, "pk", value)
        return str(field.queryset.filter(pk=pk).first() or value)
    if isinstance(field, forms.ChoiceField):
        return str(dict(field.choices).get(value, value))
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "DATETIME_FORMAT")
    return str(value)


def conflict_rows(form):
    """One row per field where the saved article (the form's initial values, read when
    the refused save began) and the posted form differ."""
    rows = []
    for name in form.changed_data:
        if name == "based_on_version":
            continue
        bound = form[name]
        field = bound.field
        yours = form.cleaned_data.get(name, bound.data)
        simple = not isinstance(field.widget, forms.MultiWidget | forms.FileInput)
        rows.append(
            {
                "name": name,
                "label": bound.label,
                "id": bound.id_for_label,
                "theirs": _shown(field, bound.initial),
                "yours": _shown(field, yours),
                # What the input holds for their value, for the script that fills it in.
                "theirs_value": str(field.prepare_value(bound.initial) or "") if simple else None,
                "choice": form.data.get(CHOICE_PREFIX + name, "mine"),
            }
        )
    return rows


def take_theirs(form, cleaned):
    """Put the saved value back for each field the editor chose "theirs" for."""
    for name in form.fields:
        if name != "based_on_version" and form.data.get(CHOICE_PREFIX + name) == THEIRS:
            cleaned[name] = getattr(form.instance, name)
