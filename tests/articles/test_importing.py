# ruff: noqa: RUF001 -- Kazakh text is test data here.
"""Importing scraped files as articles."""

import pytest

from articles.importing import import_article_file


@pytest.mark.django_db
class ImportLanguageTests:
    def test_language_detected_on_import_and_kept_on_reimport(self, tmp_path):
        path = tmp_path / "senate.txt"
        path.write_text("Сенат отырысы\n\nСенат депутаттары заң жобасын қарады.", "utf-8")
        article = import_article_file(path).article
        assert article.language == "kk"
        article.language = "ru"
        article.save()
        path.write_text("Сенат отырысы\n\nСенат депутаттары екі заң жобасын қарады.", "utf-8")
        assert import_article_file(path).article.language == "ru"
