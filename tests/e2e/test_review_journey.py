"""An editor reviews the names the linker found, in the article's text and in the inbox."""

import re

from playwright.sync_api import expect

from tests.e2e.prepare_site import INBOX_TITLE, REVIEW_TITLE
from tests.e2e.support import (
    DESKTOP,
    PHONE,
    accessibility_violations,
    log_in,
    overflow_at,
    report,
    screenshot,
    watch_problems,
)

PRESIDENT_URL = "/officials/kassym-jomart-tokayev/"
PANEL = "#names-in-text"
REVIEW_PATH = "/articles/the-budget-session-opens/"


def open_article(page, title):
    page.goto("/admin/articles/article/")
    page.get_by_role("link", name=title, exact=True).click()
    expect(page.locator(PANEL)).to_be_visible()


def name_in_text(page, sentence_start):
    """The marked name in the paragraph that starts with ``sentence_start``."""
    paragraph = page.locator(f"{PANEL} .review-field p", has_text=sentence_start)
    return paragraph.locator("button.occurrence").first


def public_links(page, path):
    page.goto(path)
    return [
        (link.inner_text(), link.get_attribute("href"))
        for link in page.locator("main a.entity-link").all()
    ]


class ReviewInTextTests:
    def test_confirm_with_the_mouse_and_reject_with_the_keyboard(self, new_page):
        editor = new_page()
        problems = watch_problems(editor)
        log_in(editor, "eda")
        open_article(editor, REVIEW_TITLE)
        nurlan = name_in_text(editor, "Nurlan Tokayev")
        askar = name_in_text(editor, "Askar Tokayev")
        expect(nurlan).to_contain_text("? suggested")
        expect(askar).to_contain_text("? suggested")

        nurlan.click()
        dialog = editor.get_by_role("dialog")
        expect(dialog).to_be_visible()
        expect(dialog.get_by_role("button", name="Confirm")).to_be_focused()
        screenshot(editor, "admin-review-popover")
        editor.set_viewport_size(PHONE)
        box = dialog.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
        editor.set_viewport_size(DESKTOP)
        # Django admin's own pages are not ours to fix: the check covers the review UI.
        review_ui = {"include": [[PANEL], ["body > .occurrence-choices:not([hidden])"]]}
        violations = accessibility_violations(
            editor, "admin-review-popover", review_ui, impacts=None
        )
        assert not violations, report(violations)
        dialog.get_by_role("button", name="Confirm").click()
        expect(editor.locator(".messagelist .success")).to_contain_text(
            "“Tokayev” confirmed as Kassym-Jomart Tokayev"
        )
        expect(name_in_text(editor, "Nurlan Tokayev")).to_contain_text("✓ confirmed")

        name_in_text(editor, "Nurlan Tokayev").focus()
        editor.keyboard.press("Tab")
        expect(name_in_text(editor, "Askar Tokayev")).to_be_focused()
        editor.keyboard.press("Enter")
        dialog = editor.get_by_role("dialog")
        expect(dialog.get_by_role("button", name="Confirm")).to_be_focused()
        editor.keyboard.press("Escape")
        expect(dialog).to_be_hidden()
        expect(name_in_text(editor, "Askar Tokayev")).to_be_focused()
        editor.keyboard.press("Enter")
        editor.keyboard.press("Tab")
        expect(dialog.get_by_role("button", name="Reject")).to_be_focused()
        editor.keyboard.press("Enter")
        expect(editor.locator(".messagelist .success")).to_contain_text(
            "“Tokayev” rejected as Kassym-Jomart Tokayev"
        )
        expect(name_in_text(editor, "Askar Tokayev")).to_contain_text("✗ rejected")
        screenshot(editor, "admin-review-panel")

        links = public_links(new_page(), REVIEW_PATH)
        assert [href for _, href in links if href == PRESIDENT_URL] == [PRESIDENT_URL]
        assert ("Nurlan Tokayev", PRESIDENT_URL) in links or ("Tokayev", PRESIDENT_URL) in links
        # Requests cut short by the decisions' page loads are not problems; scripts are.
        assert [p for p in problems if not p.startswith("failed: ")] == []


class SuggestionsInboxTests:
    def test_confirm_a_suggestion_from_the_inbox(self, new_page):
        editor = new_page()
        log_in(editor, "eda")
        box = editor.locator(".suggestions-waiting")
        expect(box).to_contain_text(re.compile(r"Suggestions waiting: [1-9]\d*"))
        box.get_by_role("link").click()
        row = editor.locator("#suggestions tbody tr", has_text=INBOX_TITLE)
        expect(row).to_have_count(1)
        expect(row.locator("mark")).to_have_text("Tokayev")
        screenshot(editor, "admin-suggestions-inbox")
        assert overflow_at(editor, PHONE) <= 0
        inbox = {"include": [["#content-main"], [".suggestions-waiting"]]}
        violations = accessibility_violations(
            editor, "admin-suggestions-inbox", inbox, impacts=None
        )
        assert not violations, report(violations)

        row.get_by_role("button", name=re.compile("^Confirm")).click()
        expect(editor.locator(".messagelist .success")).to_contain_text(
            "“Tokayev” confirmed as Kassym-Jomart Tokayev"
        )
        expect(editor).to_have_url(re.compile(r"/admin/articles/article/suggestions/"))
        expect(editor.locator("#suggestions tbody tr", has_text=INBOX_TITLE)).to_have_count(0)
