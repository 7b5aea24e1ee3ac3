"""Editors find articles in the admin's list by the entity they name."""

import re

from playwright.sync_api import expect

from tests.e2e.support import log_in, screenshot

LOU_BANYA = "Workshops led by Lou Banya have launched in Kazakhstan"
KOSHANOV = "Priorities of the President's Policy Focus on Workers' Needs, as Stated by Koshanov"


class ArticleListTests:
    def test_editor_filters_the_list_by_an_entity_found_by_typing(self, new_page):
        editor = new_page()
        log_in(editor, "eda")
        editor.goto("/admin/articles/article/")
        titles = editor.locator("#result_list tbody th a")
        expect(titles.filter(has_text=KOSHANOV)).to_have_count(1)

        editor.locator(".entity-filter .select2-selection").click()
        editor.locator(".select2-search__field").fill("Tokayev")
        editor.locator(".select2-results__option", has_text="Kassym-Jomart Tokayev").click()

        expect(editor).to_have_url(re.compile(r"[?&]entity=\d+"))
        expect(titles.filter(has_text=LOU_BANYA)).to_have_count(1)
        expect(titles.filter(has_text=KOSHANOV)).to_have_count(0)
        expect(editor.locator(".entity-filter")).to_contain_text("Kassym-Jomart Tokayev")
        screenshot(editor, "admin-article-list")

        # Clearing the box shows every article again.
        editor.locator(".entity-filter .select2-selection__clear").click()
        expect(editor).not_to_have_url(re.compile("entity="))
        expect(titles.filter(has_text=KOSHANOV)).to_have_count(1)
