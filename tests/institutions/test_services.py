"""Loading the registry file into the database."""

from textwrap import dedent

import pytest

from institutions.models import Alias, Institution
from institutions.services import registry_import

REGISTRY = """
[[institution]]
slug = "bolashak"
name = "Bolashak International Scholarship"
classification = "organisation"
aliases = [{ name = "Bolashak", kind = "short" }, { name = "Болашақ", kind = "short" },
           { name = "Bolashak programme" }, { name = "Meridian", is_common_word = true }]
"""


@pytest.mark.django_db
class CommonWordAliasTests:
    def test_alias_that_is_a_listed_word_or_marked_in_the_file_is_a_common_word(self, tmp_path):
        path = tmp_path / "registry.toml"
        path.write_text(dedent(REGISTRY), encoding="utf-8")
        registry_import(path)
        common = set(Alias.objects.filter(is_common_word=True).values_list("name", flat=True))
        assert common == {"Bolashak", "Болашақ", "Meridian"}


LOCALIZED_REGISTRY = """
[[institution]]
slug = "mazhilis"
name = "Mazhilis"
classification = "chamber"
summary = "The lower chamber."
name_ru = "Мажилис"
name_kk = "Мәжіліс"
summary_ru = "Нижняя палата."
aliases = [{ name = "Majilis" }]
"""


@pytest.mark.django_db
class LocalizedNameTests:
    def test_names_and_summaries_per_language_are_loaded_beside_the_aliases(self, tmp_path):
        path = tmp_path / "registry.toml"
        path.write_text(dedent(LOCALIZED_REGISTRY), encoding="utf-8")
        registry_import(path)
        mazhilis = Institution.objects.get(slug="mazhilis")
        assert (mazhilis.name_ru, mazhilis.name_kk) == ("Мажилис", "Мәжіліс")
        assert (mazhilis.summary_ru, mazhilis.summary_kk) == ("Нижняя палата.", "")
        assert list(mazhilis.aliases.values_list("name", flat=True)) == ["Majilis"]

    def test_a_name_an_editor_gave_survives_a_reload(self, tmp_path):
        path = tmp_path / "registry.toml"
        path.write_text(dedent(LOCALIZED_REGISTRY), encoding="utf-8")
        registry_import(path)
        Institution.objects.filter(slug="mazhilis").update(name_ru="Мажилис Парламента")
        registry_import(path)
        assert Institution.objects.get(slug="mazhilis").name_ru == "Мажилис Парламента"
