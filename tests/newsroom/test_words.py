"""Names that are also ordinary words."""

import pytest

from newsroom.words import is_common_word


class CommonWordTests:
    @pytest.mark.parametrize("name", ["Bolashak", "Болашақ", "Amanat", "AMANAT", "Nur", "CARE"])
    def test_listed_word_or_acronym_spelling_a_word(self, name):
        assert is_common_word(name)

    @pytest.mark.parametrize("name", ["Tokayev", "Мажилис", "ENU", "Samruk-Kazyna", "Care Fund"])
    def test_names_that_are_no_words(self, name):
        assert not is_common_word(name)
