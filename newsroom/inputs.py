"""Bounds for the numbers, dates and ids that arrive in addresses and forms.

What a client writes is checked here before it reaches the database or date arithmetic:
an id too large for an integer column, a year past 9999 or a date a time-zone shift
pushes out of range, or a NUL character (which PostgreSQL refuses in text) is bad input,
answered with a message that names it, never a server error.

Every check raises ``OutOfRange`` (a ValueError, so Django's forms and the admin already
treat it as bad input) whose text names the value and what is accepted.
"""

import datetime

import django_filters
from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.shortcuts import render
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext_lazy as _

# The widest integer SQLite and PostgreSQL's bigint hold: ids and counts beyond it cannot
# exist, and asking the database about them fails instead of finding nothing.
LARGEST_INTEGER = 2**63 - 1
# Dates a reader or editor may ask about. A day's bounds in any time zone, the next day
# and the next year (the admin's date drill-down) all stay within what Python and the
# databases hold.
EARLIEST_DATE = datetime.date(1000, 1, 1)
LATEST_DATE = datetime.date(9998, 12, 31)
# Django's int() refuses more digits than this anyway; longer text is not a number.
MAX_DIGITS = 20


class OutOfRange(ValueError):
    """A value from a request that the site does not accept; the text says why."""


def checked_int(value, *, minimum=-LARGEST_INTEGER - 1, maximum=LARGEST_INTEGER, what="number"):
    """``value`` (text or int) as an int within ``minimum``..``maximum``."""
    text = str(value).strip()
    digits = text.removeprefix("-")
    if not (digits.isascii() and digits.isdigit()) or len(digits) > MAX_DIGITS:
        raise OutOfRange(f"{value!r} is not a whole number.")
    number = int(text)
    if not minimum <= number <= maximum:
        raise OutOfRange(f"The {what} {number} is not between {minimum} and {maximum}.")
    return number


def checked_id(value):
    """``value`` as a database id: a whole number from 1 to the largest the database holds."""
    return checked_int(value, minimum=1, what="id")


def checked_year(value):
    return checked_int(value, minimum=EARLIEST_DATE.year, maximum=LATEST_DATE.year, what="year")


def _in_date_range(day, value):
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise OutOfRange(
            f"The date {value} is not between {EARLIEST_DATE.isoformat()} and "
            f"{LATEST_DATE.isoformat()}."
        )


def checked_date(value):
    """``value`` (ISO text or a date) as a date within the accepted range."""
    if isinstance(value, datetime.date):
        day = value
    else:
        try:
            day = parse_date(str(value).strip())
        except ValueError:
            day = None
        if day is None:
            raise OutOfRange(f"{value!r} is not a date (YYYY-MM-DD).")
    _in_date_range(day, value)
    return day


def checked_moment(value):
    """``value`` (ISO date or date and time) as a date or datetime within the range."""
    text = str(value).strip()
    try:
        moment = parse_datetime(text) or parse_date(text)
    except ValueError:
        moment = None
    if moment is None:
        raise OutOfRange(f"{value!r} is not a date or a date and time.")
    _in_date_range(moment.date() if isinstance(moment, datetime.datetime) else moment, value)
    return moment


def checked_text(value):
    """``value`` if it holds no NUL character, which PostgreSQL cannot store or compare."""
    if "\x00" in value:
        raise OutOfRange("Text may not contain NUL characters.")
    return value


class BoundedDateField(forms.DateField):
    """A form's date field that accepts only dates within the site's range."""

    default_error_messages = {
        "min_value": _("Enter a date on or after %(limit_value)s."),
        "max_value": _("Enter a date on or before %(limit_value)s."),
    }

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        within_date_range(self)


def within_date_range(formfield):
    """``formfield`` (of a model form) refusing dates outside the site's range before it
    turns them into moments in the site's time zone; other fields unchanged."""
    if isinstance(formfield, forms.SplitDateTimeField):
        within_date_range(formfield.fields[0])
    elif isinstance(formfield, forms.DateField):
        formfield.validators += [MinValueValidator(EARLIEST_DATE), MaxValueValidator(LATEST_DATE)]
    return formfield


class BoundedDateFilter(django_filters.DateFilter):
    """A filter on a date a reader types, within the site's range."""

    field_class = BoundedDateField


class QueryTextMiddleware:
    """Refuse, with a 400 page that says why, an address whose query string holds a NUL
    character: PostgreSQL cannot compare text holding one, so no search, filter or
    autocomplete could answer it. Goes first, before the page cache keys a page on it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The API checks its own parameters and answers in JSON, as its schema says.
        if request.path_info.startswith(tuple(settings.NEWSROOM_JSON_PREFIXES)):
            return self.get_response(request)
        try:
            for key, values in request.GET.lists():
                checked_text(key)
                for value in values:
                    checked_text(value)
        except OutOfRange as error:
            return bad_request(request, str(error))
        return self.get_response(request)


def bad_request(request, problem):
    """The site's 400 page, naming ``problem``."""
    return render(request, "400.html", {"problem": problem}, status=400)
