import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from institutions.models import Alias, Institution
from newsroom.text import looks_like_markup
from tests.factories import make_institution

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "&#60;script&#62;",
]


@pytest.fixture
def entity(db):
    return make_institution("Mazhilis")


class AliasValidationTests:
    def test_invisible_characters_are_removed(self, entity):
        alias = Alias(entity=entity, name=" Ma\u200bjilis\u202e\x00 ")
        alias.full_clean()
        assert alias.name == "Majilis"

    @pytest.mark.parametrize("name", ["", "   ", "\u200b\u200b", "\x00\x07", "\u202e"])
    def test_a_name_with_nothing_visible_is_refused(self, entity, name):
        with pytest.raises(ValidationError) as error:
            Alias(entity=entity, name=name).full_clean()
        assert "name" in error.value.message_dict

    def test_an_overlong_name_is_refused(self, entity):
        with pytest.raises(ValidationError):
            Alias(entity=entity, name="x" * 256).full_clean()

    @given(name=st.text(max_size=400))
    def test_any_text_is_either_refused_or_stored_clean(self, entity, name):
        alias = Alias(entity=entity, name=name)
        try:
            alias.full_clean()
        except ValidationError:
            return
        alias.save()
        stored = Alias.objects.get(pk=alias.pk).name
        assert stored == stored.strip()
        assert 0 < len(stored) <= 255
        assert not any(char in stored for char in "\x00\u200b\u202e\n")
        alias.delete()


class EntityValidationTests:
    @pytest.mark.parametrize("summary", PAYLOADS[:2] + PAYLOADS[3:])
    def test_summary_refuses_html(self, summary):
        with pytest.raises(ValidationError) as error:
            Institution(name="Mazhilis", summary=summary).full_clean()
        assert "summary" in error.value.message_dict

    def test_summary_is_limited_in_length(self):
        with pytest.raises(ValidationError):
            Institution(name="Mazhilis", summary="word " * 300).full_clean()

    def test_summary_keeps_paragraphs_and_loses_control_characters(self):
        institution = Institution(name="Mazhilis", summary="Lower house.\x1b\n\nElected.")
        institution.full_clean()
        assert institution.summary == "Lower house.\n\nElected."

    @given(name=st.text(max_size=300), summary=st.text(max_size=1200))
    def test_any_input_is_refused_or_made_safe(self, name, summary):
        institution = Institution(name=name, summary=summary)
        try:
            institution.full_clean()
        except ValidationError:
            return
        assert not looks_like_markup(institution.summary)
        assert any(char.isalnum() for char in institution.name)
        assert len(institution.summary) <= 1000
