"""The reader's filters on the institution and official indexes."""

import django_filters
from django.utils.translation import gettext_lazy as _

from .models import Institution, Official

MAX_QUERY_LENGTH = 200


def country_choices():
    countries = (
        Institution.objects.exclude(country="")
        .order_by("country")
        .values_list("country", flat=True)
        .distinct()
    )
    return [(country, country) for country in countries]


class EntityFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Name"), method="filter_text", max_length=MAX_QUERY_LENGTH
    )

    def filter_text(self, queryset, name, value):
        return queryset.search(value)


class InstitutionFilter(EntityFilter):
    classification = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Institution.Classification.choices, empty_label=_("Any kind")
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"), choices=country_choices, empty_label=_("Any country")
    )

    class Meta:
        model = Institution
        fields = ["q", "classification", "country"]


class OfficialFilter(EntityFilter):
    class Meta:
        model = Official
        fields = ["q"]
