"""The admin's change lists, checked: every number, date and id in a list's address
is range-checked (``newsroom.inputs``) before the database sees it, on every model the
admin shows, Django's and other libraries' included."""

from functools import partial

from django.contrib import admin, messages
from django.contrib.admin.views.main import IGNORED_PARAMS
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models.constants import LOOKUP_SEP
from django.http import HttpResponseRedirect

from . import inputs

# Lookups whose value is a number whatever the field: parts of a date.
NUMBER_TRANSFORMS = {
    "year": inputs.checked_year,
    "iso_year": inputs.checked_year,
    "month": partial(inputs.checked_int, minimum=1, maximum=12, what="month"),
    "day": partial(inputs.checked_int, minimum=1, maximum=31, what="day"),
    "week": partial(inputs.checked_int, minimum=1, maximum=53, what="week"),
    "week_day": partial(inputs.checked_int, minimum=1, maximum=7, what="weekday"),
    "iso_week_day": partial(inputs.checked_int, minimum=1, maximum=7, what="weekday"),
    "quarter": partial(inputs.checked_int, minimum=1, maximum=4, what="quarter"),
    "hour": partial(inputs.checked_int, minimum=0, maximum=23, what="hour"),
    "minute": partial(inputs.checked_int, minimum=0, maximum=59, what="minute"),
    "second": partial(inputs.checked_int, minimum=0, maximum=59, what="second"),
}
# Lookups whose value is not the field's kind: a yes/no, or text the admin search handles.
UNCHECKED_LOOKUPS = {"isnull", "regex", "iregex"}


def lookup_check(model, lookup):
    """The check (from ``newsroom.inputs``) for the value of an admin list lookup such as
    ``published_at__year``, ``user__id__exact`` or ``pk__in``; None when nothing about
    the value can overflow."""
    parts = lookup.split(LOOKUP_SEP)
    opts, field, used = model._meta, None, 0
    for part in parts:
        try:
            field = opts.pk if part == "pk" else opts.get_field(part)
        except FieldDoesNotExist:
            break
        used += 1
        if field.is_relation and field.related_model is not None:
            opts = field.related_model._meta
    if field is None:
        return None
    transforms = parts[used:]
    if transforms and transforms[-1] in UNCHECKED_LOOKUPS:
        return None
    for transform in transforms:
        if transform in NUMBER_TRANSFORMS:
            return NUMBER_TRANSFORMS[transform]
    if field.is_relation:
        field = field.target_field if field.many_to_one or field.one_to_one else opts.pk
    if isinstance(field, models.DateTimeField | models.DateField):
        return inputs.checked_moment
    if isinstance(field, models.AutoField | models.BigAutoField | models.SmallAutoField):
        return inputs.checked_id
    if isinstance(field, models.IntegerField):
        return inputs.checked_int
    return None


class CheckedAdminMixin:
    """A change list that checks the numbers, dates and ids in its address before the
    database sees them: an out-of-range filter is dropped with a message saying why,
    instead of failing the page (an id past the integer columns, a year past 9999).

    A custom list filter whose parameter carries a number names its check in
    ``value_check``. The change form's dates are held to the same range, so that a
    time-zone shift of year 1 or 9999 never reaches the database.
    """

    def value_checks(self, request):
        return {
            list_filter.parameter_name: list_filter.value_check
            for list_filter in self.get_list_filter(request)
            if hasattr(list_filter, "value_check")
        }

    def lookup_problems(self, request):
        """The query string without its bad values, and what was wrong with each."""
        kept, problems = request.GET.copy(), []
        custom = self.value_checks(request)
        for key, values in request.GET.lists():
            if key in IGNORED_PARAMS:
                continue
            check = custom.get(key) or lookup_check(self.model, key)
            if check is None:
                continue
            for value in values:
                parts = value.split(",") if key.endswith("__in") else [value]
                try:
                    for part in parts:
                        check(part)
                except inputs.OutOfRange as error:
                    problems.append(f"Ignored the filter {key}: {error}")
                    kept.pop(key, None)
        return kept, problems

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        return inputs.within_date_range(formfield)

    def changelist_view(self, request, extra_context=None):
        kept, problems = self.lookup_problems(request)
        if problems:
            for problem in problems:
                self.message_user(request, problem, messages.WARNING)
            return HttpResponseRedirect(f"{request.path}?{kept.urlencode()}")
        return super().changelist_view(request, extra_context)


def checked(admin_class):
    """``admin_class`` with its change list checked."""
    if issubclass(admin_class, CheckedAdminMixin):
        return admin_class
    names = {"__module__": admin_class.__module__, "__qualname__": admin_class.__qualname__}
    return type(admin_class.__name__, (CheckedAdminMixin, admin_class), names)


class CheckedAdminSite(admin.AdminSite):
    """The admin site, whose every registered list checks its lookups, including those
    of libraries (the login lockout's records, the task results) that know nothing of
    this site."""

    def register(self, model_or_iterable, admin_class=None, **options):
        super().register(model_or_iterable, checked(admin_class or admin.ModelAdmin), **options)
