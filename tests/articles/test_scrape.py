# ruff: noqa: RUF001 -- Cyrillic text and typographic dashes are test data here.
"""The scrape parser, on the real seed files and on the damaged inputs other sites send."""

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from articles.scrape import ScrapeError, detect_language, normalise, parse_scrape

SEEDS = Path(__file__).resolve().parents[2] / "seeds" / "articles"
FURNITURE = ("Skip to content", "Read also", "Latest")


def seed(prefix: str) -> bytes:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_bytes()


def paragraphs(body: str) -> list[str]:
    return [block for block in body.split("\n\n") if not block.startswith("- ")]


@pytest.fixture(scope="module")
def launch():
    return parse_scrape(seed("000"))


@pytest.fixture(scope="module")
def visit():
    return parse_scrape(seed("003"))


class LuBanLaunchSeedTests:
    """Seed 000: three workshops open; no bullets or footnotes in this one."""

    @pytest.fixture
    def article(self, launch):
        return launch

    def test_title(self, article):
        assert article.title == "Workshops led by Lou Banya have launched in Kazakhstan"

    def test_dek(self, article):
        assert article.dek == (
            "Leaders Tokayev and Xi Jinping initiate fresh educational initiatives."
        )

    def test_alternative_headline_once(self, article):
        assert article.alternative_headlines == (
            "Workshops of Lou Banya inaugurated in Kazakhstan",
        )

    def test_no_furniture_in_body(self, article):
        for text in (*FURNITURE, article.title, *article.alternative_headlines):
            assert text not in article.body

    def test_every_paragraph_kept(self, article):
        body = paragraphs(article.body)
        assert len(body) == 7
        assert body[0].startswith("In a significant stride towards technological education")
        assert body[-1].endswith("the nation's technological landscape.")

    def test_no_lists_or_footnotes(self, article):
        assert "\n- " not in article.body
        assert article.footnotes == ()

    def test_artefact_sentence_flagged_and_kept(self, article):
        sentence = (
            "The specific individuals involved in the high-level agreements leading to the "
            "founding of these workshops remain unidentified in the provided search results."
        )
        assert article.flags == (sentence,)
        assert sentence in article.body

    def test_content_hash_is_sha256_hex(self, article):
        assert re.fullmatch(r"[0-9a-f]{64}", article.content_hash)


class KoshanovVisitSeedTests:
    """Seed 003: the Speaker's visit to Ust-Kamenogorsk, with a footnote and bullets."""

    @pytest.fixture
    def article(self, visit):
        return visit

    def test_title(self, article):
        assert article.title == (
            "Priorities of the President's Policy Focus on Workers' Needs, as Stated by Koshanov"
        )

    def test_dek(self, article):
        assert article.dek.startswith("Erlan Koshanov, alongside Majilis deputies, toured")
        assert article.dek.endswith("advancements in technology.")

    def test_alternative_headline_once(self, article):
        assert article.alternative_headlines == (
            "Koshanov: Prioritizing Workers' Demands is Central to President's Agenda",
        )

    def test_no_furniture_in_body(self, article):
        for text in (*FURNITURE, article.title, *article.alternative_headlines):
            assert text not in article.body

    def test_every_paragraph_kept(self, article):
        body = paragraphs(article.body)
        assert len(body) == 8
        assert body[0].startswith("In the heart of Central Asia")
        assert body[-1].startswith("In conclusion, Kazakhstan is making significant strides")

    def test_bullets_become_markdown_list(self, article):
        items = article.body.split("\n\n")[-1].split("\n")
        assert len(items) == 2
        assert items[0].startswith("- The Lu Ban workshop, a collaboration")
        assert items[1].startswith("- The Smart Driving Technology engineering center")
        assert "•" not in article.body

    def test_footnote_taken_out_of_body(self, article):
        assert article.footnotes == ("Reference omitted for brevity.",)
        assert "Reference omitted" not in article.body
        assert "[1]" not in article.body

    def test_artefact_sentences_flagged(self, article):
        assert article.flags[0] == (
            "The role of the Speaker of the Mazhilis, Yerlan Koshanov, in these educational "
            "and technological cooperations is not explicitly clear."
        )
        assert "it is plausible that" in article.flags[1]

    def test_mixed_script_name_folded_to_latin(self, article):
        assert "Baktykozha patriot" in article.body
        assert not re.search("[а-яё]", article.body)


class NormalisationTests:
    @pytest.mark.parametrize("prefix", ["000", "003"])
    def test_crlf_bom_nbsp_variant_parses_identically(self, prefix):
        raw = seed(prefix)
        variant = b"\xef\xbb\xbf" + raw.replace(b"\n", b"\r\n").replace(b" ", "\u00a0".encode())
        assert parse_scrape(variant) == parse_scrape(raw)

    def test_old_mac_line_ends(self):
        raw = seed("003")
        assert parse_scrape(raw.replace(b"\n", b"\r")) == parse_scrape(raw)

    def test_decomposed_accents_composed(self):
        article = parse_scrape("Cafe\u0301 opens\n\nThe cafe\u0301 opened today.".encode())
        assert article.body == "The caf\u00e9 opened today."

    def test_latin_word_with_cyrillic_lookalikes_folded(self):
        # "Tokayev" typed with a Cyrillic a (U+0430) and e (U+0435).
        article = parse_scrape("Visit\n\nPresident Tok\u0430y\u0435v arrived.".encode())
        assert article.body == "President Tokayev arrived."

    def test_cyrillic_word_with_latin_lookalikes_folded(self):
        # "Мажилис" typed with a Latin a.
        article = parse_scrape("Новости\n\nДепутаты М\u0061жилис собрались.".encode())
        assert article.body == "Депутаты Мажилис собрались."

    def test_pure_cyrillic_text_untouched(self):
        text = "Тоқаев встретился с Си Цзиньпином.\n\nКасым-Жомарт Токаев прибыл в Астану."
        article = parse_scrape(text.encode())
        assert article.title == "Тоқаев встретился с Си Цзиньпином."
        assert article.body == "Касым-Жомарт Токаев прибыл в Астану."

    def test_unicode_quotes_and_dashes_kept(self):
        text = "Title\n\n«Lu Ban» — “a workshop” – opened."
        assert parse_scrape(text.encode()).body == "«Lu Ban» — “a workshop” – opened."


class BrokenWordTests:
    @pytest.mark.parametrize(
        ("text", "joined"),
        [
            ("shares of Samruk-\nKazyna rose", "shares of Samruk-Kazyna rose"),
            ("набор специа-\nлистов начался", "набор специалистов начался"),
            ("Тоқаев-\nтың сөзі", "Тоқаевтың сөзі"),
        ],
    )
    def test_word_broken_at_a_line_end_is_joined(self, text, joined):
        assert normalise(text) == joined

    @pytest.mark.parametrize("text", ["pages 10-\n12", "the list:\n- one\n- two", "end -\nnext"])
    def test_dash_that_breaks_no_word_stays(self, text):
        assert normalise(text) == text


class LanguageTests:
    @pytest.mark.parametrize(
        ("text", "language"),
        [
            ("Президент Тоқаев Мәжілісте сөйледі, министрлігінің өкілі қатысты.", "kk"),
            ("Президент Токаев выступил в Мажилисе, сказал Тоқаев.", "ru"),
            ("President Tokayev spoke to the Mazhilis (Мажилис) on Monday.", "en"),
        ],
    )
    def test_language_from_the_letters(self, text, language):
        assert detect_language(text) == language

    def test_scrape_carries_its_language(self):
        assert parse_scrape("Сенат\n\nСенат собрался на заседание.".encode()).language == "ru"


class StructureTests:
    def test_without_header_furniture_first_line_is_title(self):
        text = "Workshop opens\n\nA short standfirst.\n\nThe first paragraph.\n\nThe second."
        article = parse_scrape(text.encode())
        assert (article.title, article.dek) == ("Workshop opens", "A short standfirst.")
        assert article.body == "The first paragraph.\n\nThe second."

    def test_single_paragraph_is_body_not_dek(self):
        article = parse_scrape(b"Workshop opens\n\nThe only paragraph.")
        assert article.dek == ""
        assert article.body == "The only paragraph."

    def test_long_first_paragraph_is_body_not_dek(self):
        long = " ".join(["word"] * 80) + "."
        article = parse_scrape(f"Title\n\n{long}\n\nMore.".encode())
        assert article.dek == ""
        assert article.body.startswith("word word")

    def test_read_also_glued_to_skip_link(self):
        text = "Title\n\nDek here.\n\nBody paragraph.\n\nRead also:Skip to content"
        assert parse_scrape(text.encode()).body == "Body paragraph."

    def test_read_also_glued_to_last_sentence(self):
        text = "Title\n\nBody paragraph.Read also:Other story\nLatest"
        assert parse_scrape(text.encode()).body == "Body paragraph."

    def test_read_also_inside_story_drops_only_the_link(self):
        long = " ".join(["Story"] * 30) + "."
        text = f"Title\n\nFirst.\n\nRead also: Another story\n\n{long}\n\nRead also:\n\nLatest"
        article = parse_scrape(text.encode())
        assert "Another story" not in article.body
        assert article.body.endswith(long)

    def test_russian_read_also_cut(self):
        text = "Заголовок\n\nТекст статьи.\n\nЧитайте также: Другая новость"
        assert parse_scrape(text.encode()).body == "Текст статьи."

    @pytest.mark.parametrize("marker", ["•", "·", "  –", "  -", "-"])
    def test_bullet_markers(self, marker):
        article = parse_scrape(f"Title\n\nIntro.\n\n{marker} one\n{marker} two".encode())
        assert article.body.endswith("- one\n- two")

    def test_unindented_dash_is_dialogue_not_bullet(self):
        article = parse_scrape("Заголовок\n\n– Мы рады, – сказал он.".encode())
        assert article.body == "– Мы рады, – сказал он."

    def test_inline_footnote_markers_removed(self):
        article = parse_scrape(b"Title\n\nIt opened in 2023 [1]. It grew.[2]\n\n[1] Source.")
        assert article.body == "It opened in 2023. It grew."
        assert article.footnotes == ("Source.",)

    def test_paragraph_starting_like_markdown_stays_text(self):
        article = parse_scrape(b"Title\n\nIntro.\n\n# 1 in the region.\n\n2024. A good year.")
        assert article.body == "\\# 1 in the region.\n\n2024\\. A good year."

    def test_wrapped_lines_join_into_one_paragraph(self):
        article = parse_scrape(b"Title\n\nA sentence that\nwraps onto a second line.")
        assert article.body == "A sentence that wraps onto a second line."


class FlagTests:
    @pytest.mark.parametrize(
        "sentence",
        [
            "As an AI language model, I cannot verify this.",
            "The provided sources do not name the rector.",
            "This is not mentioned in the search results.",
            "Имена не указаны в предоставленных источниках.",
        ],
    )
    def test_artefact_sentence_flagged(self, sentence):
        article = parse_scrape(f"Title\n\nThe workshop opened. {sentence}".encode())
        assert article.flags == (sentence,)

    def test_quoted_refusal_by_an_official_not_flagged(self):
        text = 'Title\n\n"I cannot comment on the budget," the minister said.'
        assert parse_scrape(text.encode()).flags == ()

    def test_ordinary_reporting_not_flagged(self):
        text = "Title\n\nD. Serikbayev university hosts it. The minister could not attend."
        assert parse_scrape(text.encode()).flags == ()


class BadInputTests:
    @pytest.mark.parametrize(
        ("data", "reason"),
        [
            (b"", "the file is empty"),
            (b" \n\t\r\n \n", "the file is empty"),
            ("\ufeff\u00a0\n".encode(), "the file is empty"),
            (b"Title\x00\x01\x02\x03", "binary data, not a text file (it contains NUL bytes)"),
            ("Café in Zürich\n\nText.".encode("latin-1"), "not UTF-8 text"),
            ("Title\n\nText.".encode("utf-16"), "UTF-16 text, not UTF-8"),
            (b"Skip to content\n\nRead also:\n\nLatest", "only site furniture, no article text"),
            (b"Skip to content\n\nJust a headline\n\nRead also:", "only site furniture"),
            (b"Title\n\n[1] Only a footnote.", "only site furniture, no article text"),
        ],
    )
    def test_rejected_with_reason(self, data, reason):
        with pytest.raises(ScrapeError, match=re.escape(reason)):
            parse_scrape(data)

    def test_scrape_error_is_value_error(self):
        assert issubclass(ScrapeError, ValueError)


words = st.lists(
    st.text(st.characters(categories=["L"]), min_size=1, max_size=12), min_size=1, max_size=30
)


class RobustnessTests:
    @given(st.binary(max_size=300))
    def test_any_bytes_parse_or_raise_scrape_error(self, data):
        try:
            parse_scrape(data)
        except ScrapeError as error:
            assert str(error)

    @given(st.lists(words, min_size=2, max_size=6))
    def test_every_body_paragraph_survives(self, paragraphs):
        texts = [" ".join(paragraph) + "." for paragraph in paragraphs]
        article = parse_scrape("\n\n".join(["Headline", *texts]).encode())
        kept = [article.dek, *article.body.split("\n\n")]
        for text in map(normalise, texts):
            assert any(text in block for block in kept)
