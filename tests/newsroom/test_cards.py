from PIL import Image, ImageDraw

from newsroom import cards


def draw():
    return ImageDraw.Draw(Image.new("RGB", cards.SIZE))


class WrapTests:
    def test_lines_fit_the_width(self):
        font = cards._font(60)
        headline = "Workshops led by Lou Banya have launched in Kazakhstan"
        lines = cards.wrap(headline, font, 600, draw())
        assert len(lines) > 1
        assert all(draw().textlength(line, font=font) <= 600 for line in lines)
        assert " ".join(lines) == headline

    def test_a_word_too_long_for_a_line_stands_alone(self):
        font = cards._font(60)
        assert cards.wrap("Ok Қазақстанныңжоғарыоқуорындары ok", font, 300, draw()) == [
            "Ok",
            "Қазақстанныңжоғарыоқуорындары",
            "ok",
        ]


class FitHeadlineTests:
    def test_a_short_headline_keeps_the_largest_size(self):
        font, lines = cards.fit_headline("Budget passes", draw(), 1040)
        assert font.size == cards.HEADLINE_SIZES[0]
        assert lines == ["Budget passes"]

    def test_a_very_long_headline_is_cut_short_with_an_ellipsis(self):
        headline = " ".join(["Мажилис"] * 80)
        font, lines = cards.fit_headline(headline, draw(), 1040)
        assert font.size == cards.HEADLINE_SIZES[-1]
        assert len(lines) == cards.MAX_LINES
        assert lines[-1].endswith("…")

    def test_kazakh_letters_have_glyphs(self):
        font = cards._font(60)
        # A letter the font lacks would be drawn as the same empty box as any other.
        assert font.getmask("Ә").getbbox() != font.getmask("\uffff").getbbox()
