"""The reader's filters on the article list."""

import django_filters
from django import forms

from institutions.models import Entity

from .models import Article

MAX_QUERY_LENGTH = 200


class ArticleFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Words", method="filter_text", max_length=MAX_QUERY_LENGTH)
    entity = django_filters.ModelChoiceFilter(
        label="Mentions",
        queryset=Entity.objects.order_by("name"),
        to_field_name="slug",
        method="filter_entity",
        empty_label="Any institution or official",
    )
    kind = django_filters.ChoiceFilter(
        label="Mentions a",
        choices=Entity.Kind.choices,
        method="filter_kind",
        empty_label="Institution or official",
    )
    date_from = django_filters.DateFilter(
        label="From",
        field_name="published_at",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        label="To",
        field_name="published_at",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Article
        fields = ["q", "entity", "kind", "date_from", "date_to"]

    def filter_text(self, queryset, name, value):
        return queryset.matching(value)

    def filter_entity(self, queryset, name, value):
        return queryset.mentioning(value)

    def filter_kind(self, queryset, name, value):
        return queryset.naming_kind(value)
