"""Loading the registry file into the database."""

from textwrap import dedent

import pytest

from institutions.models import Alias
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
