# ruff: noqa: RUF001 -- Cyrillic names are test data here.
"""The entity registry: the real file's contents, and the mistakes the checker catches."""

import re
from datetime import date
from pathlib import Path
from textwrap import dedent

import pytest

from institutions.registry import Alias, Appointment, RegistryError, load_registry

REGISTRY = Path(__file__).resolve().parents[2] / "seeds" / "registry.toml"

VALID = """
[[institution]]
slug = "mazhilis"
name = "Mazhilis"
classification = "chamber"
posts = ["Chairman"]

[[official]]
slug = "yerlan-koshanov"
name = "Yerlan Koshanov"
appointments = [{ institution = "mazhilis", post = "Chairman", start = "2022-02-01" }]
"""


@pytest.fixture(scope="module")
def registry():
    return load_registry(REGISTRY)


def load_text(tmp_path, text):
    path = tmp_path / "registry.toml"
    path.write_text(dedent(text), encoding="utf-8")
    return load_registry(path)


def names(entity):
    return {alias.name for alias in entity.aliases}


class RealRegistryTests:
    def test_loads(self, registry):
        assert len(registry.institutions) >= 16
        assert len(registry.officials) >= 4

    def test_names_in_russian_and_kazakh_are_read(self, registry):
        mazhilis = registry.institution("mazhilis")
        assert (mazhilis.name_ru, mazhilis.name_kk) == ("Мажилис", "Мәжіліс")
        assert registry.official("kassym-jomart-tokayev").name_ru == "Касым-Жомарт Токаев"
        assert registry.official("xi-jinping").name_kk == ""

    def test_officials_and_their_posts(self, registry):
        expected = {
            "kassym-jomart-tokayev": ("republic-of-kazakhstan", "President", date(2019, 3, 20)),
            "xi-jinping": ("peoples-republic-of-china", "President", date(2013, 3, 14)),
            "yerlan-koshanov": ("mazhilis", "Chairman", date(2022, 2, 1)),
            "sayasat-nurbek": ("ministry-of-science-and-higher-education", "Minister", None),
        }
        for slug, (institution, post, start) in expected.items():
            assert registry.official(slug).appointments == (
                Appointment(institution=institution, post=post, start=start),
            )

    def test_xi_has_wikidata_and_no_bare_surname(self, registry):
        xi = registry.official("xi-jinping")
        assert xi.wikidata == "Q15031"
        assert "Xi" not in names(xi)

    def test_surname_aliases(self, registry):
        for slug, surname in [
            ("kassym-jomart-tokayev", "Tokayev"),
            ("yerlan-koshanov", "Koshanov"),
            ("sayasat-nurbek", "Nurbek"),
        ]:
            assert Alias(surname, kind="surname") in registry.official(slug).aliases

    def test_cyrillic_names_of_people(self, registry):
        assert {"Токаев", "Қасым-Жомарт Тоқаев", "Касым-Жомарт Токаев"} <= names(
            registry.official("kassym-jomart-tokayev")
        )
        assert "Си Цзиньпин" in names(registry.official("xi-jinping"))
        assert "Ерлан Кошанов" in names(registry.official("yerlan-koshanov"))
        assert "Саясат Нурбек" in names(registry.official("sayasat-nurbek"))

    def test_koshanov_spelled_erlan(self, registry):
        assert "Erlan Koshanov" in names(registry.official("yerlan-koshanov"))

    def test_lu_ban_workshop_spellings(self, registry):
        workshop = registry.institution("lu-ban-workshop")
        assert workshop.classification == "workshop"
        assert workshop.parent is None
        assert {
            "Luban Workshop",
            "Lu Ban",
            "Luban",
            "Lou Banya",
            "Luo Ban",
            "Luo Ban Workshop",
        } <= names(workshop)

    def test_each_workshop_belongs_to_its_university(self, registry):
        for slug, parent, city in [
            ("lu-ban-workshop-ektu", "east-kazakhstan-technical-university", "Ust-Kamenogorsk"),
            ("lu-ban-workshop-enu", "eurasian-national-university", "Astana"),
            ("lu-ban-workshop-alt", "academy-of-logistics-and-transport", "Almaty"),
        ]:
            workshop = registry.institution(slug)
            assert (workshop.parent, workshop.city) == (parent, city)

    def test_universities(self, registry):
        ektu = registry.institution("east-kazakhstan-technical-university")
        assert ektu.city == "Ust-Kamenogorsk"
        assert "EKTU" in names(ektu)
        enu = registry.institution("eurasian-national-university")
        assert enu.city == "Astana"
        assert {"ENU", "ЕНУ", "L.N. Gumilev Eurasian National University"} <= names(enu)
        assert "Евразийский национальный университет имени Л. Н. Гумилёва" in names(enu)
        assert registry.institution("academy-of-logistics-and-transport").city == "Almaty"
        assert registry.institution("tianjin-professional-institute").country == "China"

    def test_mazhilis_is_a_chamber_of_parliament(self, registry):
        mazhilis = registry.institution("mazhilis")
        assert mazhilis.classification == "chamber"
        assert mazhilis.parent == "parliament-of-kazakhstan"
        assert {"Majilis", "Мажилис", "Мәжіліс"} <= names(mazhilis)

    def test_ministry_has_minister_post(self, registry):
        ministry = registry.institution("ministry-of-science-and-higher-education")
        assert ministry.posts == ("Minister",)

    def test_centres(self, registry):
        smart = registry.institution("smart-driving-technology-centre")
        assert "Smart Driving Technology Engineering Center" in names(smart)
        altay = registry.institution("altay-wholesale-and-retail-centre")
        assert altay.city == "Ust-Kamenogorsk"
        assert 'wholesale-retail center "Altay"' in names(altay)

    def test_parents_come_before_children(self, registry):
        order = [institution.slug for institution in registry.institutions]
        for institution in registry.institutions:
            if institution.parent:
                assert order.index(institution.parent) < order.index(institution.slug)


class RegistryFormatTests:
    def test_minimal_registry(self, tmp_path):
        registry = load_text(tmp_path, VALID)
        assert registry.institution("mazhilis").posts == ("Chairman",)

    def test_toml_date_literals_accepted(self, tmp_path):
        text = VALID.replace('start = "2022-02-01"', "start = 2022-02-01")
        registry = load_text(tmp_path, text)
        assert registry.official("yerlan-koshanov").appointments[0].start == date(2022, 2, 1)

    def test_alias_defaults(self, tmp_path):
        text = VALID.replace(
            'posts = ["Chairman"]', 'posts = ["Chairman"]\naliases = [{name = "Majilis"}]'
        )
        assert load_text(tmp_path, text).institution("mazhilis").aliases == (Alias("Majilis"),)

    def test_alias_marked_as_common_word(self, tmp_path):
        text = VALID.replace(
            'posts = ["Chairman"]',
            'posts = ["Chairman"]\naliases = [{name = "Majilis", is_common_word = true}]',
        )
        (alias,) = load_text(tmp_path, text).institution("mazhilis").aliases
        assert alias.is_common_word


class RegistryErrorTests:
    @pytest.mark.parametrize(
        ("old", "new", "message"),
        [
            (
                'start = "2022-02-01"',
                'start = "2022-13-01"',
                'registry.toml: official "yerlan-koshanov": '
                'appointment start "2022-13-01" is not a date (YYYY-MM-DD)',
            ),
            (
                'start = "2022-02-01"',
                'start = "1 Feb 2022"',
                'appointment start "1 Feb 2022" is not a date',
            ),
            (
                'start = "2022-02-01"',
                'start = "2022-02-01", end = "2021-01-01"',
                "appointment as Chairman ends before it starts",
            ),
            (
                'name = "Yerlan Koshanov"',
                'name = "Yerlan Koshanov"\nbirthday = "1962"',
                'official "yerlan-koshanov": unknown key "birthday"',
            ),
            ('name = "Mazhilis"\n', "", 'institution "mazhilis": missing "name"'),
            ('slug = "mazhilis"\n', 'slug = "Mazhilis!"\n', "must be lowercase words"),
            (
                'institution = "mazhilis"',
                'institution = "senate"',
                'appointment at "senate", which is not an institution in the registry',
            ),
            (
                'post = "Chairman"',
                'post = "Speaker"',
                'appointment as "Speaker" at "mazhilis", which lists the posts: "Chairman"',
            ),
            (
                'classification = "chamber"',
                'classification = "house"',
                'classification "house" is not one of',
            ),
            (
                'classification = "chamber"\n',
                "",
                'institution "mazhilis": missing "classification"',
            ),
            (
                'posts = ["Chairman"]',
                'posts = ["Chairman"]\naliases = [{name = "Koshanov", kind = "nickname"}]',
                'alias "Koshanov": kind "nickname" is not one of',
            ),
            (
                'posts = ["Chairman"]',
                'posts = ["Chairman"]\naliases = [{name = "Majilis"}, {name = "majilis"}]',
                'alias "majilis" repeats the name or another alias',
            ),
            (
                'posts = ["Chairman"]',
                'posts = ["Chairman"]\naliases = [{name = "Majilis", lang = "ru"}]',
                'alias has unknown key "lang"',
            ),
            (
                'posts = ["Chairman"]',
                'posts = ["Chairman"]\naliases = [{name = "Majilis", is_common_word = "yes"}]',
                'alias "Majilis": "is_common_word" must be true or false',
            ),
            (
                'posts = ["Chairman"]',
                'posts = ["Chairman"]\nparent = "parliament"',
                'parent "parliament" is not an institution in the registry',
            ),
            (
                'posts = ["Chairman"]',
                'posts = ["Chairman"]\nwikidata = "15031"',
                'wikidata "15031" is not a Wikidata id',
            ),
            ('slug = "yerlan-koshanov"', 'slug = "mazhilis"', "slug is used by another entry"),
        ],
    )
    def test_mistake_named(self, tmp_path, old, new, message):
        assert old in VALID
        with pytest.raises(RegistryError, match=re.escape(message)):
            load_text(tmp_path, VALID.replace(old, new, 1))

    def test_parent_loop(self, tmp_path):
        text = """
        [[institution]]
        slug = "a"
        name = "A"
        classification = "agency"
        parent = "b"

        [[institution]]
        slug = "b"
        name = "B"
        classification = "agency"
        parent = "a"
        """
        with pytest.raises(RegistryError, match="parents form a loop"):
            load_text(tmp_path, text)

    def test_unknown_section(self, tmp_path):
        with pytest.raises(RegistryError, match='unknown section "person"'):
            load_text(tmp_path, VALID + '\n[[person]]\nslug = "x"\n')

    def test_invalid_toml(self, tmp_path):
        with pytest.raises(RegistryError, match=re.escape("registry.toml: not valid TOML")):
            load_text(tmp_path, 'slug = "unclosed')

    def test_missing_file(self, tmp_path):
        with pytest.raises(RegistryError, match=re.escape("registry.toml: cannot be read")):
            load_registry(tmp_path / "registry.toml")

    def test_every_problem_reported_at_once(self, tmp_path):
        text = VALID.replace('"2022-02-01"', '"2022-13-01"').replace('"chamber"', '"house"')
        with pytest.raises(RegistryError) as caught:
            load_text(tmp_path, text)
        assert len(caught.value.problems) == 2
