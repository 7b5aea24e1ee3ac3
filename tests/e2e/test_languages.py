"""Readers in Russian: the language switcher, a Russian article with its links and its
English original, and the Russian page checked by axe-core."""

import re

from playwright.sync_api import expect

from tests.e2e.prepare_site import RUSSIAN_SLUG, RUSSIAN_TITLE, SPEAKER_ARTICLE
from tests.e2e.support import accessibility_violations, report, watch_problems


class LanguageJourneyTests:
    def test_switch_to_russian_read_an_article_and_reach_its_original(self, reader):
        problems = watch_problems(reader)
        reader.goto("/")
        switcher = reader.get_by_role("navigation", name="Language")
        switcher.get_by_role("link", name="Русский").click()
        expect(reader).to_have_url(re.compile(r"/ru/$"))
        expect(reader.locator("html")).to_have_attribute("lang", "ru")
        current = reader.get_by_role("navigation", name="Язык").locator("[aria-current]")
        expect(current).to_have_text("Русский")
        expect(reader.get_by_role("link", name="Главная")).to_be_visible()

        reader.get_by_role("link", name=RUSSIAN_TITLE).first.click()
        expect(reader).to_have_url(re.compile(rf"/ru/articles/{RUSSIAN_SLUG}/$"))
        expect(reader.get_by_role("heading", level=1)).to_have_text(RUSSIAN_TITLE)
        body = reader.locator(".story__body")
        expect(body.locator("a.entity-link", has_text="Мажилис")).to_be_visible()
        expect(body.locator("a.entity-link", has_text="Токаев")).to_be_visible()
        mentioned = reader.get_by_role("complementary", name="Упомянуты в статье")
        expect(mentioned.get_by_role("link", name="Мажилис")).to_be_visible()

        blocking = accessibility_violations(reader, "article-in-russian")
        assert not blocking, f"The Russian article has accessibility problems:\n{report(blocking)}"

        original = reader.locator(".story__translations a[hreflang='en']")
        expect(original).to_have_text("English")
        original.click()
        expect(reader.locator("html")).to_have_attribute("lang", "en")
        expect(reader.get_by_role("heading", level=1)).to_have_text(SPEAKER_ARTICLE)
        expect(reader.locator(".story__translations a[hreflang='ru']")).to_have_text("Русский")

        reader.locator("main a.entity-link", has_text="Mazhilis").first.click()
        expect(reader).to_have_url(re.compile(r"/institutions/mazhilis/$"))
        reader.get_by_role("navigation", name="Language").get_by_role(
            "link", name="Қазақша"
        ).click()
        expect(reader).to_have_url(re.compile(r"/kk/institutions/mazhilis/$"))
        expect(reader.get_by_role("heading", level=1)).to_have_text("Мәжіліс")
        assert not problems, "\n".join(problems)
