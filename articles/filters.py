"""The reader's filters on the article list."""

import datetime

import django_filters
from django import forms
from django.conf import settings
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from institutions.cache_keys import ENTITIES
from institutions.models import Entity
from newsroom import fragments
from newsroom.inputs import BoundedDateFilter

from .models import Article

MAX_QUERY_LENGTH = 200


class EntitySelect(forms.Select):
    """The select of every institution and official, written out directly rather than
    through one template per option; its options are kept in the shared cache
    (``newsroom.fragments``) until an entity is added, renamed or removed, so that a list
    rendered again costs no query and no rendering of thousands of options."""

    def render(self, name, value, attrs=None, renderer=None):
        kept = fragments.read({"options": f"entity-select-options {get_language()}"})
        options = kept.get("options", lambda: (self.all_options(), [ENTITIES]))
        for chosen in self.format_value(value):
            option = format_html('<option value="{}">', chosen)
            options = options.replace(option, f"{option[:-1]} selected>", 1)
        attributes = flatatt({"name": name, **self.build_attrs(self.attrs, attrs)})
        return format_html("<select{}>{}</select>", attributes, mark_safe(options))

    def all_options(self):
        """Every option, none selected."""
        return format_html_join("", '<option value="{}">{}</option>', self.choices)


class ArticleFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Words"), method="filter_text", max_length=MAX_QUERY_LENGTH
    )
    entity = django_filters.ModelChoiceFilter(
        label=_("Mentions"),
        queryset=Entity.objects.only("slug", "name").order_by("name"),
        to_field_name="slug",
        method="filter_entity",
        empty_label=_("Any institution or official"),
        widget=EntitySelect,
    )
    kind = django_filters.ChoiceFilter(
        label=_("Mentions any"),
        choices=[
            (Entity.Kind.INSTITUTION, _("institution")),
            (Entity.Kind.OFFICIAL, _("official")),
        ],
        method="filter_kind",
        empty_label=_("institution or official"),
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"), choices=settings.LANGUAGES, empty_label=_("Any language")
    )
    date_from = BoundedDateFilter(
        label=_("From"), method="filter_date_from", widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = BoundedDateFilter(
        label=_("To"), method="filter_date_to", widget=forms.DateInput(attrs={"type": "date"})
    )

    class Meta:
        model = Article
        fields = ["q", "entity", "kind", "language", "date_from", "date_to"]

    def filter_text(self, queryset, name, value):
        return queryset.matching(value)

    def filter_entity(self, queryset, name, value):
        return queryset.mentioning(value)

    def filter_kind(self, queryset, name, value):
        return queryset.naming_kind(value)

    # Bounds on the column itself, not on its date, so the publication-date index serves.
    def filter_date_from(self, queryset, name, value):
        return queryset.filter(published_at__gte=start_of_day(value))

    def filter_date_to(self, queryset, name, value):
        return queryset.filter(published_at__lt=start_of_day(value + datetime.timedelta(days=1)))


def start_of_day(day):
    """The first moment of ``day`` in the site's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
