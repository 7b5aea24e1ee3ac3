"""Reporters at the desk: their own drafts open, another reporter's only once shared."""

import re
from urllib.parse import urlencode

from playwright.sync_api import expect

from tests.e2e.prepare_site import REPORTER_DRAFTS
from tests.e2e.support import log_in, screenshot

MINE, THEIRS = REPORTER_DRAFTS["rory"], REPORTER_DRAFTS["ria"]
# Words both drafts' titles hold: the list searched for them shows both to an editor.
BOTH = "draft on the"


def search(page, words):
    page.goto("/admin/articles/article/?" + urlencode({"q": words}))
    return page.locator("#result_list tbody th a")


class OwnershipTests:
    def test_a_reporter_opens_their_own_draft_and_another_reporters_once_shared(self, new_page):
        editor = new_page()
        log_in(editor, "eda")
        titles = search(editor, BOTH)
        expect(titles.filter(has_text=MINE)).to_have_count(1)
        theirs = titles.filter(has_text=THEIRS).get_attribute("href")

        reporter = new_page()
        log_in(reporter, "rory")
        titles = search(reporter, BOTH)
        expect(titles.filter(has_text=MINE)).to_have_count(1)
        expect(titles.filter(has_text=THEIRS)).to_have_count(0)

        titles.filter(has_text=MINE).click()
        expect(reporter.locator("#id_title")).to_have_value(MINE)
        expect(reporter.locator("input[name='_continue']")).to_be_visible()
        screenshot(reporter, "admin-own-draft")

        # The address typed in by hand leads nowhere near the other reporter's text.
        reporter.goto(theirs)
        expect(reporter).to_have_url(re.compile(r"/admin/$"))
        expect(reporter.locator(".messagelist")).to_contain_text("Perhaps it was deleted?")
        expect(reporter.locator("body")).not_to_contain_text(THEIRS)
        reporter.goto(theirs.replace("/change/", "/revisions/"))
        expect(reporter.locator("body")).not_to_contain_text(THEIRS)

        # Until its author shares it with them.
        author = new_page()
        log_in(author, "ria")
        author.goto(theirs)
        author.select_option("#id_shared_with_from", label="rory")
        author.locator("#id_shared_with_add").click()
        expect(author.locator("#id_shared_with_to option")).to_have_text(["rory"])
        author.locator("input[name='_continue']").click()
        expect(author.locator(".messagelist .success")).to_be_visible()

        reporter.goto(theirs)
        expect(reporter.locator("#id_title")).to_have_value(THEIRS)
        # Shared with, not the author: they edit it but do not share it further.
        expect(reporter.locator("#id_shared_with_from")).to_have_count(0)
