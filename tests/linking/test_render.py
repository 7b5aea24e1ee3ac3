import pytest

from articles.linking.render import plain_text, read_markdown, render_markdown, snippet
from tests.linking.registry import ENU, LU_BAN, MAZHILIS, NURBEK, TOKAYEV


def url_for(entity_id):
    return f"/entities/{entity_id}/"


def render(matcher, source, **options):
    return render_markdown(source, matcher=matcher, url_for=url_for, **options)


def link(entity_id, text):
    return (
        f'<a href="/entities/{entity_id}/" class="entity-link" data-entity="{entity_id}"'
        f' rel="noopener noreferrer">{text}</a>'
    )


class RenderLinkTests:
    def test_first_mention_links(self, matcher):
        html = render(matcher, "The Mazhilis met.").html
        assert html == f"<p>The {link(MAZHILIS, 'Mazhilis')} met.</p>\n"

    def test_word_forms_of_the_articles_language_link(self, matcher):
        text = "Депутаты Мажилиса."
        assert link(MAZHILIS, "Мажилиса") in render(matcher, text, language="ru").html
        assert "entity-link" not in render(matcher, text, language="en").html

    def test_later_mentions_stay_plain(self, matcher):
        html = render(matcher, "The Mazhilis met.\n\nThe Majilis voted.").html
        assert html.count("entity-link") == 1
        assert "The Majilis voted." in html

    def test_heading_mention_is_not_linked_and_does_not_use_up_the_link(self, matcher):
        html = render(matcher, "## The Mazhilis\n\nThe Mazhilis met.").html
        assert html == f"<h2>The Mazhilis</h2>\n<p>The {link(MAZHILIS, 'Mazhilis')} met.</p>\n"

    def test_code_span_and_block_are_not_linked(self, matcher):
        html = render(matcher, "`Mazhilis`\n\n    Mazhilis\n").html
        assert "entity-link" not in html

    def test_existing_link_is_not_linked_inside(self, matcher):
        html = render(matcher, "[the Mazhilis](https://parlam.kz) met").html
        assert html.count("<a ") == 1
        assert "entity-link" not in html

    def test_raw_html_link_is_not_linked_inside(self, matcher):
        html = render(matcher, 'See <a href="https://parlam.kz">Mazhilis</a> now').html
        assert "entity-link" not in html

    def test_image_alt_is_not_linked(self, matcher):
        html = render(matcher, "![The Mazhilis](hall.jpg)").html
        assert html == '<p><img src="hall.jpg" alt="The Mazhilis"></p>\n'

    def test_mention_inside_emphasis_links_inside_it(self, matcher):
        html = render(matcher, "*Lu Ban* opened").html
        assert html == f"<p><em>{link(LU_BAN, 'Lu Ban')}</em> opened</p>\n"

    def test_mention_across_a_line_break_links_whole(self, matcher):
        html = render(matcher, "three new Lu\nBan workshops opened").html
        linked = link(LU_BAN, "Lu\nBan workshops")
        assert html == f"<p>three new {linked} opened</p>\n"

    def test_suggestion_is_not_linked(self, matcher):
        html = render(matcher, "Aidos Nurbek said").html
        assert "entity-link" not in html

    def test_confirmed_suggestion_links(self, matcher):
        html = render(matcher, "Aidos Nurbek said", decide=lambda hit: hit.entity_id).html
        assert link(NURBEK, "Nurbek") in html

    def test_rejected_place_is_not_linked(self, matcher):
        html = render(matcher, "The Mazhilis met.", decide=lambda hit: None).html
        assert "entity-link" not in html

    def test_links_the_first_place_decided_not_the_first_found(self, matcher):
        source = "The Mazhilis met.\n\nThe Majilis voted."

        def after_the_first_sentence(hit):
            return hit.entity_id if hit.start > 5 else None

        html = render(matcher, source, decide=after_the_first_sentence).html
        assert "The Mazhilis met." in html
        assert link(MAZHILIS, "Majilis") in html

    def test_place_reassigned_links_to_the_other_entity(self, matcher):
        html = render(matcher, "The Mazhilis met.", decide=lambda hit: ENU).html
        assert link(ENU, "Mazhilis") in html

    def test_hits_are_known_before_rendering(self, matcher):
        document = read_markdown("## Mazhilis\n\nThe Mazhilis met.", matcher=matcher)
        assert [hit.start for hit in document.hits] == [0, 14]
        assert document.text[14:22] == "Mazhilis"

    def test_entity_without_a_page_is_not_linked(self, matcher):
        result = render_markdown("The Mazhilis met.", matcher=matcher, url_for=lambda _: None)
        assert "<a" not in result.html

    def test_table_cell_mention_links(self, matcher):
        html = render(matcher, "| a |\n|---|\n| ENU |\n").html
        assert f"<td>{link(ENU, 'ENU')}</td>" in html

    def test_no_matcher_renders_plain_markdown(self):
        html = render(None, "The **Mazhilis**").html
        assert html == "<p>The <strong>Mazhilis</strong></p>\n"


class RenderHitTests:
    def test_hits_index_the_result_text(self, matcher):
        result = render(matcher, "# Tokayev\n\nSee `x` and the *Mazhilis*.\n\n- Lu Ban")
        assert [(hit.entity_id, result.text[hit.start : hit.end]) for hit in result.hits] == [
            (TOKAYEV, "Tokayev"),
            (MAZHILIS, "Mazhilis"),
            (LU_BAN, "Lu Ban"),
        ]

    def test_code_mentions_are_not_hits(self, matcher):
        assert render(matcher, "`Mazhilis`").hits == []


class RenderSafetyTests:
    @pytest.mark.parametrize(
        "source",
        [
            "<script>alert(1)</script> Mazhilis",
            "Mazhilis <img src=x onerror=alert(1)>",
            "[x](javascript:alert(1)) Mazhilis",
            '<a href="javascript:alert(1)">Mazhilis</a>',
            "<p onclick=alert(1)>Mazhilis</p>",
        ],
    )
    def test_injected_script_does_not_survive(self, matcher, source):
        html = render(matcher, source).html.lower()
        assert "<script" not in html
        assert "alert(1)</" not in html
        assert "onerror" not in html
        assert "onclick" not in html
        assert 'href="javascript' not in html

    def test_body_h1_becomes_h2(self):
        assert render(None, "# Title").html == "<h2>Title</h2>\n"


class PlainTextTests:
    def test_blocks_are_separated_by_blank_lines(self):
        assert plain_text("# A\n\nB *c* `d`\ne") == "A\n\nB c d\ne"


class SnippetTests:
    TEXT = (
        "Skip to content. The first Lu Ban workshop opened at the East Kazakhstan Technical"
        " University named after D. Serikbayev in 2023. Another one followed!"
    )

    def test_returns_the_sentence_of_the_mention(self):
        start = self.TEXT.index("Lu Ban")
        assert snippet(self.TEXT, start, start + 6) == (
            "The first Lu Ban workshop opened at the East Kazakhstan Technical"
            " University named after D. Serikbayev in 2023."
        )

    def test_an_initial_does_not_end_the_sentence(self):
        start = self.TEXT.index("Serikbayev")
        assert snippet(self.TEXT, start, start + 10).startswith("The first Lu Ban")

    def test_long_sentence_is_cut_around_the_mention(self):
        text = "word " * 100 + "Mazhilis " + "word " * 100
        start = text.index("Mazhilis")
        cut = snippet(text, start, start + 8, width=60)
        assert "Mazhilis" in cut
        assert len(cut) <= 60 + len("…  …")
        assert cut.startswith("… ") and cut.endswith(" …")

    def test_paragraph_break_ends_the_sentence(self):
        assert snippet("Title line\n\nMazhilis met", 12, 20) == "Mazhilis met"
