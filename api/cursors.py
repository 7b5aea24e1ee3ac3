"""Cursor pagination: each page ends with an opaque cursor naming where the next begins.

Unlike page numbers, a cursor stays right while articles are published above it, and
the next page is one index range scan however deep the reader goes.
"""

import base64
import binascii
import json

from django.core.exceptions import ValidationError
from django.db.models import Q
from ninja.errors import HttpError


def _encode(values):
    text = json.dumps(values, default=str, separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def _decode(cursor, size):
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw)
    except (binascii.Error, ValueError) as error:
        raise HttpError(400, "cursor: not a cursor this API gave out") from error
    if (
        not isinstance(values, list)
        or len(values) != size
        or not all(isinstance(v, str | int) and not isinstance(v, bool) for v in values)
    ):
        raise HttpError(400, "cursor: not a cursor this API gave out")
    return values


def _after(ordering, values):
    """Rows past ``values`` in ``ordering``: the same leading keys and a later next key."""
    condition = Q()
    for position, key in enumerate(ordering):
        name = key.lstrip("-")
        beyond = Q(**{f"{name}__{'lt' if key.startswith('-') else 'gt'}": values[position]})
        same = Q(**{k.lstrip("-"): v for k, v in zip(ordering[:position], values, strict=False)})
        condition |= same & beyond
    return condition


def cursor_page(queryset, ordering, *, cursor, limit):
    """``limit`` rows of ``queryset`` in ``ordering`` (names, ``-`` for descending, the
    last one unique) after ``cursor``; and the cursor of the next page, or None."""
    if cursor:
        values = _decode(cursor, len(ordering))
        try:
            queryset = queryset.filter(_after(ordering, values))
        except (ValidationError, ValueError, TypeError) as error:
            raise HttpError(400, "cursor: not a cursor this API gave out") from error
    rows = list(queryset.order_by(*ordering)[: limit + 1])
    if len(rows) <= limit:
        return rows, None
    last = rows[limit - 1]
    return rows[:limit], _encode([getattr(last, key.lstrip("-")) for key in ordering])
