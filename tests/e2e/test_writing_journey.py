"""The desk: autosave through a closed tab, the warning before leaving unsaved text, the
live preview of an unsaved edit with its links, and share links that stop working."""

import re
import sqlite3

from playwright.sync_api import expect

from tests.e2e.prepare_site import DRAFT_SLUG, DRAFT_TITLE
from tests.e2e.support import (
    PHONE,
    accessibility_violations,
    log_in,
    overflow_at,
    report,
    screenshot,
    watch_problems,
)

NURBEK_URL = "/officials/sayasat-nurbek/"
# Django admin's own widgets are not ours to fix: the check covers what the desk adds.
DESK_UI = {
    "include": [
        ["#desk"],
        [".form-row.field-title"],
        [".form-row.field-dek"],
        [".form-row.field-seo_title"],
        [".form-row.field-body"],
        [".snippet-previews"],
        ["#share-links"],
        ["#live-preview"],
    ]
}
TYPED = "A paragraph typed and never saved names Sayasat Nurbek, the science minister."


def open_draft(page):
    """The seeded draft's change form; returns its address."""
    page.goto(f"/admin/articles/article/?q={DRAFT_SLUG}")
    page.get_by_role("link", name=DRAFT_TITLE).click()
    expect(page.locator("#desk")).to_be_visible()
    return page.url


def type_in_body(page, text):
    page.locator(".field-body .CodeMirror").click()
    page.keyboard.press("Control+End")
    page.keyboard.type("\n\n" + text)


def forget_autosave(context, url):
    """Open ``url`` again and discard what the form kept, so no later test sees it."""
    page = context.new_page()
    page.goto(url)
    discard = page.get_by_role("button", name="Discard them")
    if discard.count():
        discard.click()
        expect(discard).to_be_hidden()
    page.close()


class AutosaveTests:
    def test_a_new_article_survives_a_closed_tab(self, new_page):
        editor = new_page()
        problems = watch_problems(editor)
        log_in(editor, "eda")
        editor.goto("/admin/articles/article/add/")
        editor.locator("#id_title").fill("Workshop budget passes its first reading")
        type_in_body(editor, TYPED)
        expect(editor.locator("[data-autosave-status]")).to_contain_text("Draft kept at")
        editor.close()

        back = editor.context.new_page()
        back.goto("/admin/articles/article/add/")
        prompt = back.get_by_role("region", name="You have changes that were not saved")
        expect(prompt).to_be_visible()
        screenshot(back, "desk-restore-prompt")
        violations = accessibility_violations(back, "desk-restore-prompt", DESK_UI, impacts=None)
        assert not violations, report(violations)
        back.get_by_role("button", name="Restore my changes").click()
        expect(prompt).to_be_hidden()
        expect(back.locator("#id_title")).to_have_value("Workshop budget passes its first reading")
        expect(back.locator("#id_body")).to_have_value(re.compile(re.escape(TYPED)))
        expect(back.locator(".editor-statusbar .word-count")).to_have_text("12 words")

        back.locator("input[name='_continue']").click()
        expect(back.locator(".messagelist .success")).to_be_visible()
        expect(prompt).to_have_count(0)
        assert not problems, problems

    def test_leaving_with_unsaved_text_warns(self, new_page):
        editor = new_page()
        log_in(editor, "eda")
        url = open_draft(editor)
        type_in_body(editor, "One more sentence.")
        dialogs = []

        def stay(dialog):
            dialogs.append(dialog.type)
            dialog.dismiss()

        editor.on("dialog", stay)
        editor.locator(".breadcrumbs a").filter(has_text="Articles").first.click()
        for _ in range(50):
            if dialogs:
                break
            editor.wait_for_timeout(100)
        assert dialogs == ["beforeunload"]
        assert editor.url == url, "staying keeps the editor on the form"
        editor.remove_listener("dialog", stay)
        editor.close()
        forget_autosave(editor.context, url)


class EditConflictTests:
    def test_a_save_elsewhere_is_announced_and_each_field_takes_a_side(self, new_page):
        editor = new_page()
        log_in(editor, "eda")
        editor.goto("/admin/articles/article/add/")
        editor.locator("#id_title").fill("Two editors, one story")
        type_in_body(editor, "The first version of the story.")
        editor.locator("input[name='_continue']").click()
        expect(editor.locator(".messagelist .success")).to_be_visible()
        url = editor.url

        reporter = new_page()
        log_in(reporter, "noor")  # a second editor: every draft is open to editors
        reporter.goto(url)
        reporter.locator("#id_title").fill("Two editors, one better story")
        reporter.locator("input[name='_continue']").click()
        expect(reporter.locator(".messagelist .success")).to_be_visible()

        notice = editor.get_by_role("alert").filter(has_text="saved this article")
        expect(notice).to_contain_text("noor saved this article at")
        type_in_body(editor, "A sentence of mine.")
        editor.locator("input[name='_continue']").click()
        panel = editor.get_by_role("region", name="Their changes and yours")
        expect(panel).to_be_visible()
        title_row = panel.locator("tr").filter(has_text="Two editors, one better story")
        expect(title_row).to_contain_text("Two editors, one story")
        screenshot(editor, "desk-edit-conflict")
        violations = accessibility_violations(
            editor, "desk-edit-conflict", {"include": [[".conflict-panel"]]}, impacts=None
        )
        assert not violations, report(violations)
        title_row.get_by_label("Theirs").check()
        expect(editor.locator("#id_title")).to_have_value("Two editors, one better story")
        editor.locator("input[name='_continue']").click()
        expect(editor.locator(".messagelist .success")).to_be_visible()
        expect(editor.locator("#id_title")).to_have_value("Two editors, one better story")
        expect(editor.locator("#id_body")).to_have_value(re.compile("A sentence of mine."))


class LivePreviewTests:
    def test_live_preview_shows_an_unsaved_edit_with_its_links(self, new_page):
        editor = new_page()
        problems = watch_problems(editor)
        log_in(editor, "eda")
        url = open_draft(editor)
        type_in_body(editor, TYPED)
        editor.get_by_role("button", name="Preview side by side").click()
        preview = editor.get_by_role("complementary", name="Live preview")
        expect(preview).to_be_visible()
        frame = editor.frame_locator("[data-preview-frame]")
        link = frame.locator(f"a.entity-link[href='{NURBEK_URL}']")
        expect(link).to_have_text("Sayasat Nurbek")
        expect(frame.locator(".preview-banner")).to_contain_text("Live preview")
        violations = accessibility_violations(editor, "desk-live-preview", DESK_UI, impacts=None)
        assert not violations, report(violations)
        editor.screenshot(path="artifacts/screenshots/desk-live-preview-desktop.png")

        type_in_body(editor, "The Majilis will vote in spring.")
        expect(frame.locator(".story__body")).to_contain_text("vote in spring")

        editor.get_by_role("button", name="Phone").click()
        width = editor.locator("[data-preview-frame]").evaluate("frame => frame.style.width")
        assert width == "390px"
        editor.screenshot(path="artifacts/screenshots/desk-live-preview-phone-frame.png")
        editor.set_viewport_size(PHONE)
        editor.screenshot(path="artifacts/screenshots/desk-live-preview-phone.png")
        editor.get_by_role("button", name="Back to edit").click()
        expect(preview).to_be_hidden()
        assert overflow_at(editor, PHONE) <= 0
        screenshot(editor, "desk-change-form")
        violations = accessibility_violations(editor, "desk-change-form", DESK_UI, impacts=None)
        assert not violations, report(violations)
        assert not problems, problems
        editor.close()
        forget_autosave(editor.context, url)


class ShareLinkTests:
    def test_a_share_link_works_until_revoked_or_expired_then_gives_404(self, new_page, site):
        editor = new_page()
        log_in(editor, "eda")
        url = open_draft(editor)
        shares = editor.get_by_role("region", name="Share links")
        shares.get_by_label("Link works for").select_option(label="1 hour")
        shares.get_by_role("button", name="Make a share link").click()
        expect(editor.locator(".messagelist .success")).to_contain_text("Share link made")
        addresses = shares.locator("input.share-links__url")
        expect(addresses).to_have_count(1)
        expect(shares).to_contain_text("eda")
        address = addresses.input_value()

        reader = new_page()
        response = reader.goto(address)
        assert response.status == 200
        assert response.headers["x-robots-tag"] == "noindex, nofollow"
        assert "no-store" in response.headers["cache-control"]
        expect(reader.get_by_role("heading", level=1)).to_have_text(DRAFT_TITLE)

        shares.get_by_role("button", name="Revoke").click()
        expect(editor.locator(".messagelist .success")).to_contain_text("revoked")
        expect(addresses).to_have_count(0)
        response = reader.goto(address)
        assert response.status == 404
        expect(reader.get_by_role("heading", level=1)).to_have_text("Page not found")

        editor.goto(url)
        shares.get_by_role("button", name="Make a share link").click()
        address = addresses.input_value()
        assert reader.goto(address).status == 200
        # An hour from now, as the database sees it.
        with sqlite3.connect(site.database) as database:
            database.execute(
                "UPDATE articles_sharelink SET expires_at = datetime('now', '-1 second') "
                "WHERE revoked_at IS NULL"
            )
        assert reader.goto(address).status == 404


class StaffEditLinkTests:
    def test_staff_see_an_edit_link_on_public_pages_and_readers_do_not(self, new_page):
        reader = new_page()
        reader.goto("/officials/yerlan-koshanov/")
        expect(reader.get_by_role("link", name="Edit in the admin")).to_be_hidden()

        editor = new_page()
        log_in(editor, "eda")
        editor.goto("/officials/yerlan-koshanov/")
        edit = editor.get_by_role("link", name="Edit in the admin")
        expect(edit).to_be_visible()
        edit.click()
        expect(editor).to_have_url(re.compile(r"/admin/institutions/official/\d+/change/$"))
