"""The desk's workflow in a browser: scheduling, a slug change, the history, the dashboard."""

import datetime as dt
import re
import time

from playwright.sync_api import expect

from tests.e2e.prepare_site import SPEAKER_ARTICLE
from tests.e2e.support import (
    DESKTOP,
    PHONE,
    accessibility_violations,
    log_in,
    overflow_at,
    report,
    screenshot,
    write_body,
)

# Far enough ahead to check every screen before it comes out, near enough to wait for.
SCHEDULE_SECONDS = 25


def write_article(page, title, body, *, publish):
    """Write an article in the add form; publishing it asks first, and is confirmed."""
    page.goto("/admin/articles/article/add/")
    page.locator("#id_title").fill(title)
    write_body(page, body)
    if publish:
        page.locator("#id_status").select_option("published")
    page.locator("input[name='_continue']").click()
    if publish:
        expect(page.locator("#content-main")).to_contain_text("Readers will see")
        page.get_by_role("button", name="Yes, publish it").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    article_id = re.search(r"/article/(\d+)/change/", page.url).group(1)
    return article_id, f"/articles/{page.locator('#id_slug').input_value()}/"


def open_article(page, title):
    page.goto("/admin/articles/article/")
    page.locator("#result_list th a", has_text=title).first.click()
    expect(page.locator("#id_title")).to_have_value(title)
    return re.search(r"/article/(\d+)/change/", page.url).group(1)


def save_and_continue(page):
    page.locator("input[name='_continue']").click()
    expect(page.locator(".messagelist .success")).to_be_visible()


def assert_accessible(page, name):
    violations = accessibility_violations(page, name)
    assert not violations, report(violations)


class SchedulingTests:
    def test_a_scheduled_article_reads_scheduled_everywhere_and_comes_out(self, new_page):
        editor = new_page()
        log_in(editor, "eda")
        title = "The workshop budget, at the stroke of the hour"
        _, public_path = write_article(editor, title, "The budget is out.", publish=False)
        when = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=SCHEDULE_SECONDS)
        editor.locator("#id_status").select_option("published")
        editor.locator("#id_published_at_0").fill(when.strftime("%Y-%m-%d"))
        editor.locator("#id_published_at_1").fill(when.strftime("%H:%M:%S"))
        save_and_continue(editor)
        expected = f"Scheduled for {when.day} {when:%B %Y, %H:%M}"

        # The form: the state line and the status choice.
        expect(editor.locator(".field-publication_state")).to_contain_text(expected)
        expect(editor.locator("#id_status option:checked")).to_have_text(expected)

        editor.goto("/admin/articles/article/")
        row = editor.locator("#result_list tr", has_text=title)
        expect(row.locator("td.field-publication_state")).to_have_text(expected)
        assert_accessible(editor, "desk-article-list")

        editor.goto(public_path)
        expect(editor.locator(".preview-banner")).to_contain_text("Scheduled for")
        expect(editor.locator(".story__meta")).to_contain_text("Scheduled for")
        expect(editor.locator(".story__meta")).not_to_contain_text("Published")

        editor.goto("/admin/")
        expect(editor.locator(".desk-scheduled")).to_contain_text(title)
        expect(editor.locator(".desk-scheduled")).to_contain_text(expected)

        reader = new_page()
        assert reader.goto(public_path).status == 404, "a scheduled article is not out yet"
        time.sleep(max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds()) + 1)
        assert reader.goto(public_path).status == 200, "it comes out at its time"
        expect(reader.locator("h1")).to_have_text(title)


class AddressTests:
    def test_a_slug_change_leaves_a_working_301(self, new_page):
        editor = new_page()
        log_in(editor, "eda")
        title = "Workshops open in Astana"
        _, old_path = write_article(editor, title, "Two workshops opened.", publish=True)
        editor.locator("#id_slug").fill("astana-workshops-open")
        save_and_continue(editor)

        reader = new_page()
        answer = reader.request.get(old_path, max_redirects=0)
        assert answer.status == 301
        assert answer.headers["location"] == "/articles/astana-workshops-open/"
        reader.goto(old_path)
        expect(reader).to_have_url(re.compile("/articles/astana-workshops-open/$"))
        expect(reader.locator("h1")).to_have_text(title)
        assert reader.goto("/articles/no-such-story/").status == 404

        editor.goto("/admin/articles/articleredirect/")
        expect(editor.locator("#result_list")).to_contain_text(old_path)


class HistoryTests:
    def test_the_diff_shows_a_changed_word_and_a_rejected_link_and_restore_asks(self, new_page):
        editor = new_page()
        log_in(editor, "eda")
        title = "A teacher on the workshops"
        body = "Dana Tokayev, a teacher from Turkistan, {} the workshop."
        article_id, _ = write_article(editor, title, body.format("opened"), publish=True)
        write_body(editor, body.format("closed"))
        save_and_continue(editor)

        # Reject the linker's guess (a surname alone) from the suggestions inbox.
        editor.goto("/admin/articles/article/suggestions/")
        row = editor.locator("#suggestions tbody tr", has_text=title).first
        row.get_by_role("button", name=re.compile("^Reject")).click()
        expect(editor.locator(".messagelist .success")).to_contain_text("rejected")

        editor.goto(f"/admin/articles/article/{article_id}/revisions/")
        expect(editor.locator("#revisions")).to_contain_text("Edited")
        editor.get_by_role("button", name="Compare the chosen versions").click()
        expect(editor.locator(".revision-old del")).to_contain_text(["opened"])
        expect(editor.locator(".revision-new ins")).to_contain_text(["closed"])
        expect(editor.locator(".revision-field h3").first).to_have_text("Body")
        expect(editor.locator(".revision-links tr.link-rejected")).to_contain_text("Rejected")
        assert_accessible(editor, "desk-revision-compare")
        screenshot(editor, "desk-revision-compare")

        editor.goto(f"/admin/articles/article/{article_id}/revisions/1/")
        editor.get_by_role("link", name="Restore version 1…").click()
        expect(editor.locator("#content-main")).to_contain_text(
            "This article is live: readers will see the restored text as soon as you confirm."
        )
        assert_accessible(editor, "desk-restore-confirmation")
        editor.get_by_role("link", name="No, take me back").click()
        expect(editor).to_have_url(re.compile(r"/revisions/1/$"))
        editor.goto(f"/admin/articles/article/{article_id}/change/")
        expect(editor.locator("#id_body")).to_have_value(re.compile("closed the workshop"))

        editor.goto(f"/admin/articles/article/{article_id}/revisions/1/restore/")
        editor.get_by_role("button", name="Yes, restore version 1").click()
        expect(editor.locator(".messagelist .success")).to_contain_text("Version 1 restored")
        expect(editor.locator("#id_body")).to_have_value(re.compile("opened the workshop"))


class DeskLookTests:
    def test_the_dashboard_and_lists_fit_a_laptop_and_a_phone(self, new_page):
        editor = new_page()
        log_in(editor, "eda")
        pages = {
            "desk-dashboard": "/admin/",
            "desk-article-list": "/admin/articles/article/",
            "desk-institution-list": "/admin/institutions/institution/",
            "desk-official-list": "/admin/institutions/official/",
            "desk-article-form": None,
        }
        problems = []
        for name, path in pages.items():
            if path is None:
                open_article(editor, SPEAKER_ARTICLE)
            else:
                editor.goto(path)
            screenshot(editor, name)
            if overflow_at(editor, DESKTOP) > 0:
                problems.append(f"{name} scrolls sideways at 1280 px")
            results = editor.locator("#changelist .results")
            if results.count():
                clipped = results.evaluate("box => box.scrollWidth - box.clientWidth")
                if clipped > 0:
                    problems.append(f"{name} cuts {clipped}px of its columns at 1280 px")
            if path is not None:
                # The change form's own widgets are checked by the form's journeys.
                problems += [report([v]) for v in accessibility_violations(editor, name)]
        assert not problems, "\n".join(problems)

        editor.goto("/admin/institutions/institution/")
        name_width = editor.locator("#result_list th.field-name").first.bounding_box()["width"]
        assert name_width >= 180, f"institution names squeezed to {name_width}px"

        open_article(editor, SPEAKER_ARTICLE)
        assert overflow_at(editor, PHONE) <= 0, "the article form scrolls sideways on a phone"
