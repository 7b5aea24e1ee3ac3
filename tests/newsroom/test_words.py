"""Names that are also ordinary words."""

import pytest

from newsroom.words import is_common_word, is_ordinary_word


class CommonWordTests:
    @pytest.mark.parametrize("name", ["Bolashak", "Болашақ", "Amanat", "AMANAT", "Nur", "CARE"])
    def test_listed_word_or_acronym_spelling_a_word(self, name):
        assert is_common_word(name)

    @pytest.mark.parametrize("name", ["Tokayev", "Мажилис", "ENU", "Samruk-Kazyna", "Care Fund"])
    def test_names_that_are_no_words(self, name):
        assert not is_common_word(name)

    @pytest.mark.parametrize("name", ["Ақ жол", "Ak Zhol", "Ак жол"])
    def test_phrase_made_only_of_listed_words(self, name):
        assert is_common_word(name)

    def test_phrase_with_a_word_that_is_no_listed_word(self):
        assert not is_common_word("Ұлттық банк")

    @pytest.mark.parametrize("name", ["Senate", "сенат"])
    def test_word_for_a_kind_of_body_that_names_one(self, name):
        assert is_common_word(name)


class OrdinaryWordTests:
    @pytest.mark.parametrize(
        ("name", "language"),
        [("Болашақ", "kk"), ("Республика", "ru"), ("Республика", "kk"), ("Ақ жол", "kk")],
    )
    def test_word_of_the_language(self, name, language):
        assert is_ordinary_word(name, language)

    @pytest.mark.parametrize(
        ("name", "language"),
        [("Bolashak", "en"), ("Болашак", "ru"), ("Болашақ", "ru"), ("Сенат", "ru")],
    )
    def test_name_spelt_as_no_word_of_the_language(self, name, language):
        assert not is_ordinary_word(name, language)
