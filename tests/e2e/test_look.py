"""How public pages look and whether everyone can use them: screenshots and axe-core."""

import pytest
from playwright.sync_api import expect

from tests.e2e.support import (
    DESKTOP,
    PHONE,
    accessibility_violations,
    overflow_at,
    report,
    screenshot,
    watch_problems,
)

SPEAKER_ARTICLE_PATH = (
    "/articles/priorities-of-the-presidents-policy-focus-on-workers-needs-as-stated-by-koshanov/"
)
PUBLIC_PAGES = {
    "front-page": ("/", 200),
    "article-list": ("/articles/", 200),
    "article": (SPEAKER_ARTICLE_PATH, 200),
    "institution": ("/institutions/mazhilis/", 200),
    "official": ("/officials/yerlan-koshanov/", 200),
    "institution-index": ("/institutions/", 200),
    "search": ("/search/?q=Majilis", 200),
    "not-found": ("/no-such-page/", 404),
}
SCREENSHOTS = {"front-page", "article", "institution"}


def site_stylesheet_rules(page):
    return page.evaluate(
        """() => [...document.styleSheets]
            .filter(sheet => sheet.href && sheet.href.includes("/static/css/site"))
            .map(sheet => sheet.cssRules.length)"""
    )


class PublicPageTests:
    @pytest.mark.parametrize("name", PUBLIC_PAGES)
    def test_page_is_styled_whole_and_accessible(self, reader, name):
        path, status = PUBLIC_PAGES[name]
        problems = watch_problems(reader)
        response = reader.goto(path)
        assert response.status == status
        expect(reader.locator("main")).to_be_visible()
        rules = site_stylesheet_rules(reader)
        assert rules and all(rules), "the site's stylesheet did not load"
        if name in SCREENSHOTS:
            screenshot(reader, name)
        for viewport in (DESKTOP, PHONE):
            overflow = overflow_at(reader, viewport)
            width = viewport["width"]
            assert overflow <= 0, f"{name} is {overflow}px wider than a {width}px screen"
        blocking = accessibility_violations(reader, name)
        assert not blocking, f"{name} has serious accessibility problems:\n{report(blocking)}"
        assert not problems, "\n".join(problems)


class AccessibilityCheckTests:
    def test_check_reports_what_blocks_readers(self, reader):
        # Guards the guard: an axe run that silently checked nothing would pass every page.
        reader.set_content(
            '<html lang="en"><title>Check</title><main><img src="x.png"></main></html>'
        )
        blocking = accessibility_violations(reader, "self-check")
        assert [violation["id"] for violation in blocking] == ["image-alt"]
