from django import forms

from .filters import MAX_QUERY_LENGTH


class SearchForm(forms.Form):
    q = forms.CharField(label="Search", required=False)

    def clean_q(self):
        # A pasted essay is cut rather than refused: the first words still find things.
        return self.cleaned_data["q"][:MAX_QUERY_LENGTH].strip()
