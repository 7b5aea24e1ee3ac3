"""The entity panel's plain widgets write what Django's templates for them write."""

import pytest
from django import forms
from django.test.html import parse_html

from articles.admin.rows import plain_widgets


class Row(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput)
    state = forms.ChoiceField(choices=[("auto", "Linked <auto>"), ("rejected", "Rejected")])
    grouped = forms.ChoiceField(
        choices=[("", "---"), ("Decided", [("confirmed", "Confirmed"), ("rejected", "No")])]
    )
    is_about = forms.BooleanField(required=False)
    note = forms.CharField(widget=forms.HiddenInput, required=False)


@pytest.mark.parametrize(
    "data",
    [
        {"id": "7", "state": "rejected", "grouped": "confirmed", "is_about": "on", "note": ""},
        {"id": "", "state": "auto", "grouped": "", "note": 'a "quoted" <b>'},
        {},
    ],
)
def test_plain_widgets_write_the_templates_html(data):
    posted = {f"mentions-0-{name}": value for name, value in data.items()} or None
    templated = Row(posted, prefix="mentions-0")
    plain = Row(posted, prefix="mentions-0")
    plain_widgets(plain)
    assert type(plain.fields["state"].widget).__name__ == "PlainSelect"
    for name in Row.base_fields:
        assert parse_html(str(plain[name])) == parse_html(str(templated[name])), name
