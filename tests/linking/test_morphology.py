# ruff: noqa: RUF001 -- Cyrillic word forms are the subject.
"""Russian case forms and Kazakh suffix chains of names."""

import pytest

from articles.linking.morphology import is_kazakh_ending, kazakh_voiced_stem, russian_forms


class RussianFormsTests:
    def test_institution_name_inflects_up_to_its_noun(self):
        forms = russian_forms("Министерство образования")
        assert "Министерства образования" in forms
        assert "Министерством образования" in forms

    def test_adjectives_agree_with_their_noun(self):
        forms = russian_forms("Евразийский национальный университет")
        assert "Евразийского национального университета" in forms
        assert "Евразийском национальном университете" in forms

    def test_inanimate_accusative_is_not_made_from_the_genitive(self):
        assert "Евразийского национального университет" not in russian_forms(
            "Евразийский национальный университет"
        )

    def test_full_name_inflects_whole(self):
        assert "Ерлана Кошанова" in russian_forms("Ерлан Кошанов", person=True)
        assert "Касым-Жомарту Токаеву" in russian_forms("Касым-Жомарт Токаев", person=True)

    @pytest.mark.parametrize(
        ("surname", "form"),
        [("Смайылов", "Смайыловым"), ("Токаев", "Токаева"), ("Балаева", "Балаевой")],
    )
    def test_surname_unknown_to_the_dictionary_declines_by_its_ending(self, surname, form):
        assert form in russian_forms(surname)

    def test_one_word_name_unknown_to_the_dictionary_declines_by_its_ending(self):
        assert {"Акорды", "Акорде", "Акорду", "Акордой"} <= russian_forms("Акорда")

    @pytest.mark.parametrize(
        ("name", "form"),
        [("Самрук-Казына", "Самрук-Казыне"), ("Акимат Астаны", "Акимата Астаны")],
    )
    def test_head_of_a_things_name_unknown_to_the_dictionary_declines_as_a_noun(self, name, form):
        assert form in russian_forms(name)

    def test_surname_heading_a_things_name_stays_as_written(self):
        forms = russian_forms("Назарбаев Университет")
        assert "Назарбаев Университете" in forms
        assert "Назарбаеве Университете" not in forms

    def test_things_name_of_several_words_has_plural_forms(self):
        assert "Мастерских Лу Бань" in russian_forms("Мастерская Лу Бань")

    def test_persons_name_has_no_plural_forms(self):
        assert "Кошановых" not in russian_forms("Кошанов", person=True)

    @pytest.mark.parametrize("name", ["Мәжіліс", "Tokayev"])
    def test_kazakh_and_latin_names_have_no_russian_forms(self, name):
        assert russian_forms(name) == set()


class KazakhEndingTests:
    @pytest.mark.parametrize(
        ("stem", "ending"),
        [
            ("тоқаев", "тың"),
            ("тоқаев", "қа"),
            ("мәжіліс", "те"),
            ("мәжіліс", "тің"),
            ("мәжіліс", "тегі"),
            ("министрлігі", "нің"),
            ("сенат", "тағы"),
            ("нұрбек", "тің"),
            ("мадиев", "ке"),
        ],
    )
    def test_suffix_chain_in_the_stems_vowel_class(self, stem, ending):
        assert is_kazakh_ending(stem, ending)

    @pytest.mark.parametrize(
        ("stem", "ending"),
        [("мәжіліс", "тың"), ("нұрбек", "тың"), ("тоқаев", "ский"), ("сенат", "ор")],
    )
    def test_other_vowel_class_or_no_suffix_is_refused(self, stem, ending):
        assert not is_kazakh_ending(stem, ending)

    @pytest.mark.parametrize("ending", ["тің", "ке", "ні"])
    def test_loanword_ending_in_two_consonants_takes_either_class(self, ending):
        assert is_kazakh_ending("ұлттық банк", ending)

    @pytest.mark.parametrize(
        ("name", "stem"), [("Болашақ", "Болашағ"), ("Нұрбек", "Нұрбег"), ("Мәжіліс", None)]
    )
    def test_last_voiceless_consonant_voices_before_a_vowel(self, name, stem):
        assert kazakh_voiced_stem(name) == stem

    def test_russian_spelling_has_no_kazakh_voiced_stem(self):
        assert kazakh_voiced_stem("Болашак") is None
