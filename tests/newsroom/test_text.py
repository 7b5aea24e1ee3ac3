# These tests are about look-alike letters and typographic marks, so they spell them out.
# ruff: noqa: RUF001
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from newsroom.text import (
    LOOK_ALIKES,
    clean_name,
    clean_plain_text,
    fold,
    fold_mixed_scripts,
    limited_query,
    looks_like_markup,
    normalize,
    unmix_scripts,
)

INVISIBLE = {"Cc", "Cf", "Cs", "Co"}


def visible(text):
    return all(
        unicodedata.category(char) not in INVISIBLE or char in "\n\u200c\u200d" for char in text
    )


class CleanNameTests:
    def test_removes_control_and_bidi_characters(self):
        assert clean_name("Ma\u202ezhi\x00lis\u200b") == "Mazhilis"

    def test_collapses_whitespace(self):
        assert clean_name("  Lu\tBan \n workshop ") == "Lu Ban workshop"

    def test_keeps_joiners_that_shape_letters(self):
        persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"
        assert clean_name(persian) == persian

    @given(st.text())
    def test_result_has_nothing_invisible_and_no_outer_space(self, value):
        name = clean_name(value)
        assert visible(name)
        assert "\n" not in name
        assert name == name.strip()

    @given(st.text())
    def test_is_idempotent(self, value):
        assert clean_name(clean_name(value)) == clean_name(value)


class PlainTextTests:
    def test_keeps_paragraphs(self):
        assert clean_plain_text("One.\r\n\r\nTwo\x07.") == "One.\n\nTwo."

    @given(st.text())
    def test_result_has_nothing_invisible(self, value):
        assert visible(clean_plain_text(value))

    def test_spots_html(self):
        assert looks_like_markup("Hello <script>alert(1)</script>")
        assert looks_like_markup("a &lt; b")
        assert not looks_like_markup("Profits rose < 5% in 2023")


class LimitedQueryTests:
    @given(st.text(min_size=0, max_size=5000), st.integers(min_value=1, max_value=500))
    def test_never_longer_than_the_limit(self, value, limit):
        assert len(limited_query(value, limit)) <= limit

    def test_none_is_empty(self):
        assert limited_query(None) == ""


class NormalizeTests:
    def test_ascii_text_is_lowercased_with_one_offset_per_char(self):
        folded, offsets = normalize("Lu Ban")
        assert (folded, list(offsets)) == ("lu ban", [0, 1, 2, 3, 4, 5])

    def test_whitespace_runs_collapse_to_one_space_mapped_to_the_first(self):
        folded, offsets = normalize("Lu\r\n\u00a0 Ban")
        assert folded == "lu ban"
        assert offsets == [0, 1, 2, 6, 7, 8]

    def test_curly_quotes_and_modifier_apostrophes_become_ascii(self):
        assert fold("‘Lu Ban’ workshop’s ʼ ´") == "'lu ban' workshop's ' '"

    def test_dashes_become_hyphens(self):
        assert fold("Kassym‐Jomart – Tokayev — 2023−2025") == "kassym-jomart - tokaev - 2023-2025"

    def test_cyrillic_is_transliterated(self):
        assert fold("Мажилис") == fold("Mazhilis")

    def test_cyrillic_surname_folds_like_both_latin_spellings(self):
        assert fold("Токаев") == fold("Tokaev") == fold("Tokayev")

    def test_soft_sign_is_dropped(self):
        assert fold("Гумильёв") == fold("Gumilev")

    def test_cyrillic_look_alikes_in_a_latin_word_become_latin(self):
        assert fold("Baktykожа") == "baktykozha"

    def test_latin_look_alike_in_a_cyrillic_word_becomes_cyrillic(self):
        assert fold("Tокаев") == fold("Токаев")

    def test_glide_y_between_vowels_is_dropped(self):
        assert fold("Serikbayev") == fold("Serikbaev")

    def test_word_initial_y_is_kept(self):
        assert fold("Yerlan") == "yerlan"

    def test_offsets_skip_chars_that_fold_to_nothing(self):
        folded, offsets = normalize("Lu\u200bBan")
        assert folded == "luban"
        assert offsets == [0, 1, 3, 4, 5]

    def test_expanding_chars_repeat_their_offset(self):
        folded, offsets = normalize("ﬁ Мажилис")
        assert folded == "fi mazhilis"
        assert offsets == [0, 0, 1, 2, 3, 4, 4, 5, 6, 7, 8]

    def test_every_folded_char_has_an_offset(self):
        text = "Speaker of the Мажилис, Ерлан Кошанов — “Baktykожа”"
        folded, offsets = normalize(text)
        assert len(folded) == len(offsets)
        assert offsets == sorted(offsets)


class MixedScriptTests:
    def test_look_alikes_in_a_mostly_latin_word_become_latin_one_for_one(self):
        assert unmix_scripts("Baktykожа Tok\u0430y\u0435v") == "Baktykoжa Tokayev"

    def test_latin_look_alikes_in_a_mostly_cyrillic_word_become_cyrillic(self):
        assert unmix_scripts("М\u0061жилис") == "Мажилис"

    def test_greek_slip_in_a_latin_word_becomes_latin(self):
        assert unmix_scripts("\u0391stana") == "Astana"

    def test_words_in_one_script_or_evenly_split_are_left_alone(self):
        text = "Тоқаев met Lu Ban staff in Ab\u0430\u0432"
        assert unmix_scripts(text) == text

    def test_letters_a_reader_can_tell_apart_are_not_look_alikes(self):
        assert not {"к", "м", "т", "н", "У", "κ", "τ"} & LOOK_ALIKES.keys()

    def test_stored_text_transliterates_what_has_no_latin_twin(self):
        assert fold_mixed_scripts("Baktykожа patriot") == "Baktykozha patriot"

    def test_stored_text_keeps_a_mostly_cyrillic_word_cyrillic(self):
        assert fold_mixed_scripts("Tокаев") == "Токаев"

    @given(st.text())
    def test_unmixing_keeps_every_offset(self, value):
        assert len(unmix_scripts(value)) == len(value)
