import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from newsroom.text import clean_name, clean_plain_text, limited_query, looks_like_markup

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
