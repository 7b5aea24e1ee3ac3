"""An editor teaches the registry a new spelling; the worker relinks the archive.

The admin saves the alias and answers at once; the task worker relinks the published
articles that use the spelling in the background, and the entity's admin page follows the
relink until the articles link it.
"""

import re

from playwright.sync_api import expect

from tests.e2e.support import log_in

STATE_URL = "/institutions/republic-of-kazakhstan/"
SEED_ARTICLE = "/articles/workshops-led-by-lou-banya-have-launched-in-kazakhstan/"


def linked_entities(page):
    page.goto(SEED_ARTICLE)
    return {link.get_attribute("href") for link in page.locator("main a.entity-link").all()}


class RelinkJourneyTests:
    def test_a_new_alias_links_published_articles_through_the_worker(self, new_page):
        assert STATE_URL not in linked_entities(new_page())

        editor = new_page()
        log_in(editor, "eda")
        editor.goto("/admin/institutions/institution/?q=Republic+of+Kazakhstan")
        editor.get_by_role("link", name="Republic of Kazakhstan", exact=True).click()
        names = "input[name^='aliases-'][name$='-name']:not([name*='__prefix__'])"
        empty = editor.locator(names).last
        expect(empty).to_have_value("")
        empty.fill("Kazakhstan")
        editor.locator("input[name='_continue']").click()
        expect(editor.locator(".messagelist .success")).to_be_visible()

        links = editor.locator(".field-relink_state .readonly")
        expect(links).to_have_text(re.compile(r"waiting to relink|relinking|up to date"))
        for _ in range(50):
            if "up to date" in links.inner_text():
                break
            editor.wait_for_timeout(200)
            editor.reload()
        expect(links).to_have_text(re.compile(r"^up to date \(relinked .+, [1-9]\d* articles?\)$"))

        assert STATE_URL in linked_entities(new_page())
