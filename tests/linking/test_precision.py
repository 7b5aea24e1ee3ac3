# ruff: noqa: RUF001 -- Cyrillic and Kazakh names are the subject.
"""Word forms, spelling across scripts, and the hits a careful editor would not link."""

import pytest

from articles.linking.matcher import AliasEntry, Matcher
from newsroom.words import is_common_word

BOLASHAK, AMANAT, ARTS, UNIVERSITY, SENATE, MINISTRY, TEMIR, SMAIYLOV, SAMRUK, MAZHILIS = range(10)
TOKAYEV, CARE = 10, 11

MATCHER = Matcher(
    [
        AliasEntry(BOLASHAK, "Bolashak", is_common_word=True),
        AliasEntry(BOLASHAK, "Болашақ", is_common_word=True),
        AliasEntry(AMANAT, "Amanat", is_common_word=True),
        AliasEntry(CARE, "CARE", "short", is_common_word=True),
        AliasEntry(UNIVERSITY, "Kazakh National University", country="Kazakhstan"),
        AliasEntry(SENATE, "Senate", country="Kazakhstan"),
        AliasEntry(SENATE, "Сенат", country="Kazakhstan"),
        AliasEntry(MINISTRY, "Ministry of Education", country="Kazakhstan"),
        AliasEntry(MINISTRY, "Министерство образования", country="Kazakhstan"),
        AliasEntry(MINISTRY, "Оқу-ағарту министрлігі", country="Kazakhstan"),
        AliasEntry(TEMIR, "Temir Suleimenov", entity_kind="official"),
        AliasEntry(TEMIR, "Temir", "surname", "official", is_common_word=True),
        AliasEntry(TEMIR, "Темір", "surname", "official", is_common_word=True),
        AliasEntry(SMAIYLOV, "Zhaslan Smaiylov", entity_kind="official"),
        AliasEntry(SMAIYLOV, "Smaiylov", "surname", "official"),
        AliasEntry(SMAIYLOV, "Смайылов", "surname", "official"),
        AliasEntry(SAMRUK, "Samruk Kazyna"),
        AliasEntry(MAZHILIS, "Мәжіліс"),
        AliasEntry(TOKAYEV, "Тоқаев", "surname", "official"),
        AliasEntry(TOKAYEV, "Токаев", "surname", "official"),
    ]
)


def found(text):
    return [(hit.entity_id, hit.text, hit.exact) for hit in MATCHER.find(text)]


class WordFormTests:
    @pytest.mark.parametrize(
        ("text", "matched"),
        [
            ("заявил представитель Министерства образования.", "Министерства образования"),
            ("встреча со Смайыловым прошла", "Смайыловым"),
            ("Тоқаевтың сөзі", "Тоқаевтың"),
            ("Тоқаевқа хат жазды", "Тоқаевқа"),
            ("Мәжілістегі талқылау", "Мәжілістегі"),
            ("министр Мәжілісте сөйледі", "Мәжілісте"),
            ("Оқу-ағарту министрлігінің өкілі", "Оқу-ағарту министрлігінің"),
        ],
    )
    def test_case_form_is_found_whole(self, text, matched):
        assert [hit.text for hit in MATCHER.find(text)] == [matched]

    def test_only_the_texts_own_language_forms_count(self):
        assert MATCHER.find("встреча со Смайыловым", "ru")
        assert not MATCHER.find("встреча со Смайыловым", "kk")
        assert MATCHER.find("Тоқаевтың сөзі", "kk")
        assert not MATCHER.find("Тоқаевтың сөзі", "ru")
        assert not MATCHER.find("Тоқаевтың сөзі", "en")

    def test_russian_form_in_latin_letters_is_another_name(self):
        assert found("Aida Tokaeva said") == []

    def test_suffix_of_the_other_vowel_class_is_no_form(self):
        assert found("Мәжілістың") == []


class SpellingTests:
    @pytest.mark.parametrize("text", ["Samruk-Kazyna said", "Samruk Kazyna said"])
    def test_hyphen_is_a_space_inside_names(self, text):
        assert found(text) == [(SAMRUK, "Samruk" + text[6] + "Kazyna", True)]

    @pytest.mark.parametrize("text", ["Ж. Смайылов заявил", "Zh. Smaiylov said"])
    def test_initial_matches_a_given_name_across_scripts(self, text):
        assert [exact for *_, exact in found(text)] == [True]

    @pytest.mark.parametrize(
        "text", ["Сенатта Тоқаевтың жолдауы", "Председатель Мажилиса Токаев", "Президента Токаева"]
    )
    def test_name_of_an_institution_or_a_title_before_a_surname_is_no_given_name(self, text):
        matcher = Matcher(
            [
                AliasEntry(SENATE, "Сенат"),
                AliasEntry(MAZHILIS, "Мажилис"),
                AliasEntry(TOKAYEV, "Тоқаев", "surname", "official"),
                AliasEntry(TOKAYEV, "Токаев", "surname", "official"),
            ]
        )
        assert [hit.exact for hit in matcher.find(text) if hit.entity_id == TOKAYEV] == [True]

    def test_initial_of_another_given_name_still_suggests(self):
        assert [exact for *_, exact in found("A. Smaiylov said")] == [False]


class CommonWordTests:
    @pytest.mark.parametrize("text", ["a bright bolashak", "болашақ үшін", "in amanat", "we care"])
    def test_lower_case_common_word_is_not_linked(self, text):
        assert found(text) == []

    @pytest.mark.parametrize(
        ("text", "entity"),
        [
            ("the Bolashak scholarship", BOLASHAK),
            ("Болашақ бағдарламасы", BOLASHAK),
            ("the Amanat party", AMANAT),
            ("funded by CARE", CARE),
        ],
    )
    def test_capitalised_common_word_links(self, text, entity):
        assert [hit.entity_id for hit in MATCHER.find(text)] == [entity]


class RunOnTests:
    @pytest.mark.parametrize(
        "text",
        [
            "at the Kazakh National University of Arts",
            "the Kazakh National University Hospital",
            "shares of Temir Zholy rose",
            "темір жол салынды",
            "Темір жолы салынды",
        ],
    )
    def test_hit_inside_a_longer_name_or_phrase_is_none(self, text):
        assert found(text) == []

    def test_russian_university_of_a_field_is_another_university(self):
        matcher = Matcher([AliasEntry(UNIVERSITY, "Казахский национальный университет")])
        assert matcher.find("выпускники Казахского национального университета искусств") == []
        assert matcher.find("выпускники Казахского национального университета приехали")
        assert matcher.find("выпускники Казахского национального университета имени аль-Фараби")

    @pytest.mark.parametrize(
        "text",
        ["the Kazakh National University in Almaty", "the Senate Speaker said", "Senate on Monday"],
    )
    def test_hit_before_an_ordinary_word_links(self, text):
        assert [exact for *_, exact in found(text)] == [True]


class CountryTests:
    @pytest.mark.parametrize(
        "text",
        [
            "the US Senate voted",
            "China's Ministry of Education said",
            "the Russian Ministry of Education",
            "Министерство образования России сообщило",
            "Ресей Сенаты",
        ],
    )
    def test_other_country_makes_a_suggestion(self, text):
        assert [exact for *_, exact in found(text)] == [False]

    @pytest.mark.parametrize(
        "text", ["the Ministry of Education of Kazakhstan", "Kazakhstan's Senate voted"]
    )
    def test_own_country_keeps_the_link(self, text):
        assert [exact for *_, exact in found(text)] == [True]


class AddressTests:
    @pytest.mark.parametrize(
        "text", ["t.me/samruk_kazyna", "follow @Bolashak", "see https://senate.kz/ru/news"]
    )
    def test_handles_and_addresses_never_link(self, text):
        assert found(text) == []


REPUBLIC, AK_ZHOL, SUPREME_COURT, FUND, MADIYEV = range(20, 25)

WORDS = Matcher(
    [
        AliasEntry(REPUBLIC, "Республика", is_common_word=True, country="Kazakhstan"),
        # Flagged as the importer flags them: each is made of ordinary words.
        *(
            AliasEntry(AK_ZHOL, name, is_common_word=is_common_word(name))
            for name in ("Ak Zhol", "Ак жол", "Ақ жол")
        ),
        AliasEntry(BOLASHAK, "Bolashak", is_common_word=True),
        AliasEntry(BOLASHAK, "Болашак", is_common_word=True),
        AliasEntry(BOLASHAK, "Болашақ", is_common_word=True),
        AliasEntry(TEMIR, "Темір", "surname", "official", is_common_word=True),
        AliasEntry(SUPREME_COURT, "Supreme Court", country="Kazakhstan"),
        AliasEntry(SUPREME_COURT, "Верховный суд", country="Kazakhstan"),
        AliasEntry(FUND, "Самрук-Казына", country="Kazakhstan"),
        AliasEntry(FUND, "Самұрық-Қазына", country="Kazakhstan"),
        AliasEntry(MINISTRY, "Ministry of Education", country="Kazakhstan"),
        AliasEntry(MINISTRY, "Сыртқы істер министрлігі", country="Kazakhstan"),
        AliasEntry(MADIYEV, "Жаслан Мадиев", entity_kind="official"),
        AliasEntry(MADIYEV, "Мадиев", "surname", "official"),
    ]
)


def linked(text, language=""):
    return [hit.text for hit in WORDS.find(text, language) if hit.exact]


class SentenceStartTests:
    def test_ordinary_word_of_the_texts_language_opening_a_sentence_is_not_linked(self):
        assert linked("Вопрос решён. Республика тратит на это миллиарды.", "ru") == []
        assert linked("Болашақта мұндай заңдар талқыланады.", "kk") == []

    def test_the_same_word_in_quotes_links(self):
        assert linked("Депутаты фракции «Республика» выступили.", "ru") == ["Республика"]

    def test_a_name_that_is_no_word_of_the_texts_language_links_at_a_sentence_start(self):
        assert linked("Bolashak to fund 500 more places", "en") == ["Bolashak"]
        assert linked("Болашак объявил набор.", "ru") == ["Болашак"]

    def test_a_persons_surname_opening_a_sentence_links(self):
        assert linked("Темір сондай-ақ есеп жариялады.", "kk") == ["Темір"]


class CommonPhraseTests:
    def test_phrase_of_ordinary_words_in_lower_case_is_not_linked(self):
        assert linked("Жаңа бастамаға ақ жол тілейміз.", "kk") == []

    def test_capitals_are_those_of_any_of_the_entitys_spellings(self):
        assert linked("фракции «Ак жол» направили запрос", "ru") == ["Ак жол"]

    def test_common_word_opening_a_countrys_name_is_not_linked(self):
        assert linked("Верховный суд Республики Казахстан оставил решение", "ru") == [
            "Верховный суд"
        ]


class QuotedNameTests:
    @pytest.mark.parametrize(
        ("text", "language"),
        [
            ("Глава «Самрук-Казына Траст» сообщил", "ru"),
            ("«Самұрық-Қазына Траст» қоры хабарлады", "kk"),
        ],
    )
    def test_a_longer_quoted_name_is_another_body(self, text, language):
        assert linked(text, language) == []

    @pytest.mark.parametrize(
        ("text", "language"),
        [
            ("Частная академия «Болашак» в Караганде", "ru"),
            ("Қарағандыдағы «Болашақ» академиясы мәлімдеді", "kk"),
        ],
    )
    def test_a_quoted_name_of_a_school_is_another_body(self, text, language):
        assert linked(text, language) == []

    def test_a_quoted_sentence_opening_with_a_name_links_it(self):
        text = "«Самрук-Казына предстоит решить вопрос о финансировании», — сказал он."
        assert linked(text, "ru") == ["Самрук-Казына"]

    def test_a_short_quoted_sentence_opening_with_a_name_links_it(self):
        assert linked("«Самрук-Казына справится», — сказал он.", "ru") == ["Самрук-Казына"]

    def test_a_quoted_name_of_a_programme_links(self):
        assert linked("выпускники программы «Болашак» будут", "ru") == ["Болашак"]


class CapitalsLineTests:
    def test_a_name_in_an_all_capitals_headline_links(self):
        assert linked("SUPREME COURT BACKS MINISTRY\n\nThe court ruled.", "en") == ["SUPREME COURT"]

    def test_a_capitalised_word_after_a_name_in_ordinary_text_still_runs_on(self):
        assert linked("the Supreme Court Bar Association said", "en") == []


class QualifierTests:
    @pytest.mark.parametrize(
        ("text", "language"),
        [
            ("The U.S. Supreme Court heard a case", "en"),
            ("Poland's Ministry of Education revised it", "en"),
            ("Решение Верховного суда Кыргызстана было обратным", "ru"),
            ("решение российского Верховного суда", "ru"),
        ],
    )
    def test_a_foreign_qualifier_makes_a_suggestion(self, text, language):
        hits = WORDS.find(text, language)
        assert [hit.exact for hit in hits] == [False]

    @pytest.mark.parametrize("owner", ["Kazakhstan's", "the President's"])
    def test_own_countrys_or_a_titles_possessive_keeps_the_link(self, owner):
        text = f"{owner} Ministry of Education said"
        assert linked(text, "en") == ["Ministry of Education"]

    def test_possessive_of_a_name_found_in_the_text_keeps_the_link(self):
        matcher = Matcher(
            [
                AliasEntry(TOKAYEV, "Tokayev", "surname", "official"),
                AliasEntry(SENATE, "Senate", country="Kazakhstan"),
            ]
        )
        hits = matcher.find("Tokayev's Senate speech", "en")
        assert [(hit.text, hit.exact) for hit in hits] == [("Tokayev", True), ("Senate", True)]

    def test_in_kazakh_a_country_after_the_name_qualifies_the_next_phrase(self):
        text = "Сыртқы істер министрлігі Қытай басшысының сапарын хабарлады."
        assert linked(text, "kk") == ["Сыртқы істер министрлігі"]

    def test_in_kazakh_a_country_before_the_name_qualifies_it(self):
        assert linked("Қытай Сыртқы істер министрлігі хабарлады.", "kk") == []


class PrepositionTests:
    def test_a_one_letter_preposition_before_a_surname_is_no_initial(self):
        assert linked("С Мадиевым согласились представители", "ru") == ["Мадиевым"]


class VoicedStemTests:
    def test_name_whose_last_consonant_voices_before_a_suffix_is_found(self):
        assert linked("Бағдарлама Болашағы туралы айтты.", "kk") == ["Болашағы"]

    def test_voiced_stem_without_a_suffix_is_no_name(self):
        assert linked("Бағдарлама Болашағ туралы", "kk") == []

    def test_voiced_stem_counts_only_in_kazakh(self):
        assert linked("Бағдарлама Болашағы туралы", "ru") == []


def test_russian_plural_of_an_institutions_name_is_found():
    matcher = Matcher([AliasEntry(MINISTRY, "Мастерская Лу Бань")])
    assert [hit.text for hit in matcher.find("в мастерских Лу Бань учатся", "ru")] == [
        "мастерских Лу Бань"
    ]
