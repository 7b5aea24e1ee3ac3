# These tests use look-alike letters and typographic quotes on purpose.
# ruff: noqa: RUF001
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.linking.matcher import AliasEntry, Matcher
from articles.linking.morphology import russian_forms
from newsroom.text import fold
from tests.linking.registry import (
    ALIASES,
    EKTU,
    ENU,
    KOSHANOV,
    LU_BAN,
    MAZHILIS,
    NURBEK,
    TOKAYEV,
    XI,
    build_matcher,
)

SEEDS = Path(__file__).resolve().parents[2] / "seeds" / "articles"


def found(matcher, text):
    return [(hit.entity_id, hit.text, hit.exact) for hit in matcher.find(text)]


class MatcherVariantTests:
    @pytest.mark.parametrize(
        ("text", "entity_id"),
        [
            ("Workshops led by Lou Banya have launched", LU_BAN),
            ("toured establishments such as the 'Luo Ban Workshop'.", LU_BAN),
            ("One such initiative is the 'Lu Ban' workshop, a joint project", LU_BAN),
            ("The first Lu Ban workshop was inaugurated in 2023", LU_BAN),
            ("a new Luban Workshop opened", LU_BAN),
            ("Erlan Koshanov, alongside Majilis deputies", KOSHANOV),
            ("The Speaker of the Mazhilis, Yerlan Koshanov, said", KOSHANOV),
            ("Спикер Ерлан Кошанов", KOSHANOV),
            ("alongside Majilis deputies", MAZHILIS),
            ("Speaker of the Mazhilis", MAZHILIS),
            ("at the Eurasian National University named after L.N. Gumilev in Astana", ENU),
            ("students of the ENU", ENU),
            ("the Gumilyov university", ENU),
            ("East Kazakhstan Technical University named after D. Serikbayev.", EKTU),
            ("Kazakhstan's President Kassym-Jomart Tokayev and", TOKAYEV),
            ("Leaders Tokayev and Xi Jinping initiate", TOKAYEV),
            ("Minister of Science and Higher Education Sayasat Nurbek presented", NURBEK),
            ("China's President Xi Jinping.", XI),
        ],
    )
    def test_variant_gives_an_exact_hit(self, matcher, text, entity_id):
        assert entity_id in {hit.entity_id for hit in matcher.find(text) if hit.exact}

    def test_seed_articles_name_every_registered_entity(self, matcher):
        text = "\n".join(path.read_text() for path in sorted(SEEDS.glob("*.txt")))
        exact = {hit.entity_id for hit in matcher.find(text) if hit.exact}
        assert exact == {LU_BAN, KOSHANOV, MAZHILIS, ENU, EKTU, TOKAYEV, NURBEK, XI}

    def test_seed_hits_map_back_to_the_original_text(self, matcher):
        for path in sorted(SEEDS.glob("*.txt")):
            text = path.read_text()
            for hit in matcher.find(text):
                assert text[hit.start : hit.end] == hit.text

    def test_latin_text_matches_a_cyrillic_alias(self, matcher):
        assert found(matcher, "Tokaev spoke") == [(TOKAYEV, "Tokaev", True)]

    def test_cyrillic_text_matches_its_registered_alias(self, matcher):
        assert found(matcher, "Токаев и Мажилис") == [
            (TOKAYEV, "Токаев", True),
            (MAZHILIS, "Мажилис", True),
        ]

    def test_kazakh_spelling_matches(self, matcher):
        assert found(matcher, "Президент Тоқаев") == [(TOKAYEV, "Тоқаев", True)]

    def test_curly_quotes_nbsp_and_crlf_still_match(self, matcher):
        text = "the \u2018Lu\u00a0Ban\u2019 workshop and Lu\r\nBan"
        assert [hit.text for hit in matcher.find(text)] == ["Lu\u00a0Ban", "Lu\r\nBan"]


class MatcherBoundaryTests:
    @pytest.mark.parametrize(
        "text",
        [
            "Xinhua reported",
            "the Lubang island",
            "Aida Tokayeva said",
            "Nurlan Koshanuly said",
            "in the venue",
            "write to press@tokayev.kz today",
            "see https://example.com/lu-ban for more",
            "see www.luban.cn/about",
            "visit akorda.kz/tokayev",
        ],
    )
    def test_false_friend_gives_no_hit(self, matcher, text):
        assert matcher.find(text) == []

    def test_longest_alias_wins_an_overlap(self, matcher):
        assert found(matcher, "the Lu Ban Workshop opened") == [(LU_BAN, "Lu Ban Workshop", True)]

    def test_plural_of_an_institution_name_covers_the_whole_phrase(self, matcher):
        assert found(matcher, "three new Lu Ban workshops") == [(LU_BAN, "Lu Ban workshops", True)]

    def test_possessive_ends_the_hit_before_the_apostrophe(self, matcher):
        assert found(matcher, "the Lu Ban workshop's staff") == [(LU_BAN, "Lu Ban workshop", True)]

    def test_hits_come_in_text_order(self, matcher):
        hits = matcher.find("Xi Jinping met Tokayev at the Mazhilis")
        assert [hit.entity_id for hit in hits] == [XI, TOKAYEV, MAZHILIS]

    def test_offsets_index_the_original_text(self, matcher):
        text = "«Baktykожа» wrote: ‘Ерлан   Кошанов’ visited the Lu\u200bBan stand"
        for hit in matcher.find(text):
            assert text[hit.start : hit.end] == hit.text
        assert [hit.text for hit in matcher.find(text)] == ["Ерлан   Кошанов", "Lu\u200bBan"]

    def test_russian_case_form_is_matched_whole(self, matcher):
        assert [hit.text for hit in matcher.find("депутаты Мажилиса")] == ["Мажилиса"]

    def test_word_running_on_past_a_cyrillic_name_is_not_matched(self, matcher):
        assert matcher.find("мажилисмены и Кошановка") == []

    def test_empty_registry_finds_nothing(self):
        assert Matcher([]).find("Tokayev") == []


class MatcherPolicyTests:
    def test_surname_alone_is_exact(self, matcher):
        assert found(matcher, "said Koshanov.") == [(KOSHANOV, "Koshanov", True)]

    def test_surname_after_a_title_is_exact(self, matcher):
        assert found(matcher, "President Tokayev said") == [(TOKAYEV, "Tokayev", True)]

    def test_surname_after_own_initial_is_exact(self, matcher):
        assert found(matcher, "S. Nurbek said") == [(NURBEK, "Nurbek", True)]

    def test_surname_after_another_initial_is_a_suggestion(self, matcher):
        assert found(matcher, "A. Tokayev said") == [(TOKAYEV, "Tokayev", False)]

    def test_surname_after_another_given_name_is_a_suggestion(self, matcher):
        assert found(matcher, "the deputy Aidos Nurbek said") == [(NURBEK, "Nurbek", False)]

    def test_surname_after_own_given_name_part_is_exact(self, matcher):
        assert found(matcher, "Jomart Tokayev") == [(TOKAYEV, "Tokayev", True)]

    def test_surname_after_a_headline_line_break_is_exact(self, matcher):
        assert found(matcher, "Agenda\nKoshanov: workers first") == [(KOSHANOV, "Koshanov", True)]

    def test_unregistered_surname_is_a_suggestion(self, matcher):
        assert found(matcher, "Jinping arrived") == [(XI, "Jinping", False)]

    def test_shared_alias_suggests_each_entity(self):
        matcher = build_matcher([AliasEntry(99, "ENU", "short")])
        assert found(matcher, "the ENU") == [(ENU, "ENU", False), (99, "ENU", False)]

    def test_surname_shared_with_another_official_is_a_suggestion(self):
        matcher = build_matcher([AliasEntry(99, "Aidos Nurbek", entity_kind="official")])
        assert found(matcher, "Nurbek said") == [(NURBEK, "Nurbek", False), (99, "Nurbek", False)]

    def test_full_name_of_the_other_official_is_exact(self):
        matcher = build_matcher([AliasEntry(99, "Aidos Nurbek", entity_kind="official")])
        assert found(matcher, "Aidos Nurbek said") == [(99, "Aidos Nurbek", True)]

    def test_former_name_is_exact(self):
        matcher = Matcher(
            [AliasEntry(1, "Lu Ban Workshop"), AliasEntry(1, "Tianjin Hall", "former")]
        )
        assert found(matcher, "the old Tianjin Hall") == [(1, "Tianjin Hall", True)]


ALIAS_WORDS = sorted({word for entry in ALIASES for word in entry.text.split()})
_MATCHER = build_matcher()


class MatcherPropertyTests:
    @settings(max_examples=300, deadline=None)
    @given(
        st.lists(
            st.one_of(
                st.text(),
                st.sampled_from([entry.text for entry in ALIASES]),
                st.sampled_from(ALIAS_WORDS),
                st.sampled_from([" ", "\n", "s", "'s", ".", "-", "@", "://", "\u200b", "ь"]),
            ),
            max_size=12,
        ).map("".join)
    )
    def test_random_text_gives_hits_that_fold_back_to_their_alias(self, text):
        for hit in _MATCHER.find(text):
            assert 0 <= hit.start < hit.end <= len(text)
            assert text[hit.start : hit.end] == hit.text
            alias = fold(hit.alias).replace("-", " ").strip(" '-.")
            forms = {fold(form) for form in russian_forms(hit.alias)}
            assert fold(hit.text).replace("-", " ") in {alias, alias + "s", alias + "es", *forms}
