"""Query parameters the operations share, with the bounds that keep bad input a 4xx."""

import datetime
from typing import Annotated

from ninja.errors import HttpError
from pydantic import Field, StringConstraints

# Dates outside these bounds are typing mistakes, and the last ones overflow when a day
# is added to them.
FIRST_DAY = datetime.date(1900, 1, 1)
LAST_DAY = datetime.date(2999, 12, 31)

Slug = Annotated[str, StringConstraints(pattern=r"^[-a-zA-Z0-9_]+$", max_length=255)]
# Text without NUL characters, which PostgreSQL refuses in a query.
Text = Annotated[str, StringConstraints(pattern=r"^[^\x00]*$", max_length=200)]
Cursor = Annotated[str, StringConstraints(pattern=r"^[-A-Za-z0-9_]+$", max_length=500)]
Limit = Annotated[int, Field(ge=1, le=100, description="Items per page, 1 to 100.")]
Day = Annotated[
    datetime.date,
    Field(description=f"A day, YYYY-MM-DD, from {FIRST_DAY} to {LAST_DAY}."),
]


def checked_days(**days):
    """``days`` with every value in range; a 422 naming the first one that is not."""
    for name, day in days.items():
        if day is not None and not FIRST_DAY <= day <= LAST_DAY:
            raise HttpError(422, f"{name}: {day} is not between {FIRST_DAY} and {LAST_DAY}")
    return days
