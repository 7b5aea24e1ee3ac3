"""Editors in the admin: register an institution, write, review the links, publish."""

import re

from playwright.sync_api import expect

from tests.e2e.support import log_in, screenshot, write_body

COLLEGE = "Kazakh-Chinese Polytechnic College"
COLLEGE_ALIAS = "KCPC"
COLLEGE_URL = "/institutions/kazakh-chinese-polytechnic-college/"
KOSHANOV_URL = "/officials/yerlan-koshanov/"
NURBEK_URL = "/officials/sayasat-nurbek/"
MAZHILIS_URL = "/institutions/mazhilis/"
TITLE = "Speaker opens an electric-vehicle workshop in Astana"
BODY = (
    f"Erlan Koshanov opened a workshop for electric-vehicle repair at the {COLLEGE_ALIAS} "
    "in Astana on Monday.\n\n"
    "Saiasat Nurbek, the science minister, presented the two-year curriculum to deputies "
    "of the Majilis, who will vote on its funding in the spring."
)


def mention_state(page, entity_name):
    """The state select of the entity panel's row for ``entity_name``."""
    # A saved row names its entity; a row whose entity is being changed has a type-ahead.
    chosen = page.locator(".chosen-entity, select[name$='-entity'] option[selected]").filter(
        has_text=re.compile(f"^{re.escape(entity_name)}$")
    )
    row = page.locator("tr.has_original").filter(has=chosen)
    expect(row).to_have_count(1)
    return row.locator("select[name$='-state']")


def save_and_continue(page):
    page.locator("input[name='_continue']").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    expect(page.locator(".errornote")).to_have_count(0)


def public_entity_links(new_page, path):
    """The entity links a reader sees in the article body, as a fresh visitor."""
    reader = new_page()
    response = reader.goto(path)
    assert response.status == 200, f"{path} answered {response.status}"
    links = reader.locator("main a.entity-link")
    return {link.get_attribute("href") for link in links.all()}


def add_institution_with_alias(page):
    page.goto("/admin/institutions/institution/add/")
    name = page.locator("#id_name")
    name.fill(COLLEGE)
    # The admin's own script makes the slug from the name as the editor types.
    name.dispatch_event("change")
    expect(page.locator("#id_slug")).to_have_value("kazakh-chinese-polytechnic-college")
    page.locator("#id_classification").select_option("college")
    page.locator("#id_summary").fill("A technical college in Astana run with Chinese partners.")
    page.locator("#id_aliases-0-name").fill(COLLEGE_ALIAS)
    page.locator("#id_aliases-0-kind").select_option("short")
    page.locator("input[name='_save']").click()
    expect(page.locator(".messagelist .success")).to_contain_text(COLLEGE)


def write_draft(page):
    page.goto("/admin/articles/article/add/")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_dek").fill("A new course for the country's first electric-bus fleets.")
    write_body(page, BODY)
    expect(page.locator("#id_status")).to_have_value("draft")
    save_and_continue(page)
    article_id = re.search(r"/article/(\d+)/change/", page.url).group(1)
    slug = page.locator("#id_slug").input_value()
    return article_id, f"/articles/{slug}/"


def publish_from_the_list(page, article_id):
    page.goto("/admin/articles/article/")
    page.locator(f"input.action-select[value='{article_id}']").check()
    page.locator("select[name='action']").select_option("publish_selected")
    page.locator("button[name='index']").click()
    # Readers will see it: the desk asks first.
    page.get_by_role("button", name="Yes, publish them").click()
    expect(page.locator(".messagelist .success")).to_contain_text("1 article published")


class EditorJourneyTests:
    def test_editor_registers_writes_reviews_links_and_publishes(self, new_page):
        editor = new_page()
        log_in(editor, "eda")
        add_institution_with_alias(editor)
        article_id, public_path = write_draft(editor)

        # The linker found the new institution by its alias, the Speaker and the chamber by
        # other spellings; the minister's surname after an unknown given name is only a guess.
        panel = editor.get_by_text("Entities (confirm or reject what the linker found)")
        expect(panel).to_be_visible()
        expect(mention_state(editor, COLLEGE)).to_have_value("auto")
        expect(mention_state(editor, "Yerlan Koshanov")).to_have_value("auto")
        expect(mention_state(editor, "Mazhilis")).to_have_value("auto")
        expect(mention_state(editor, "Sayasat Nurbek")).to_have_value("suggested")
        screenshot(editor, "admin-article-editor")

        assert new_page().goto(public_path).status == 404, "a draft must not be public"

        # A row's entity can be changed: its type-ahead opens on demand, on the same entity.
        editor.get_by_role("button", name="Change the entity “Mazhilis”").click()
        search = editor.locator(".select2-container--open .select2-search__field")
        expect(search).to_be_focused()
        search.fill("Koshanov")
        found = editor.locator(".select2-results__option", has_text="Yerlan Koshanov")
        expect(found).to_be_visible()
        editor.keyboard.press("Escape")
        expect(mention_state(editor, "Mazhilis")).to_have_value("auto")

        mention_state(editor, "Mazhilis").select_option("rejected")
        mention_state(editor, "Sayasat Nurbek").select_option("confirmed")
        save_and_continue(editor)
        expect(mention_state(editor, "Mazhilis")).to_have_value("rejected")
        expect(mention_state(editor, "Sayasat Nurbek")).to_have_value("confirmed")

        publish_from_the_list(editor, article_id)
        assert public_entity_links(new_page, public_path) == {
            COLLEGE_URL,
            KOSHANOV_URL,
            NURBEK_URL,
        }

        editor.goto(f"/admin/articles/article/{article_id}/change/")
        body = editor.locator("#id_body").input_value()
        write_body(editor, body + "\n\nThe Majilis thanked the college for the invitation.")
        save_and_continue(editor)
        expect(mention_state(editor, "Mazhilis")).to_have_value("rejected")
        assert public_entity_links(new_page, public_path) == {
            COLLEGE_URL,
            KOSHANOV_URL,
            NURBEK_URL,
        }


class ReporterTests:
    def test_reporter_cannot_publish(self, new_page):
        reporter = new_page()
        log_in(reporter, "rory")
        reporter.goto("/admin/articles/article/add/")
        statuses = reporter.locator("#id_status option")
        expect(statuses).to_have_text(["Draft", "In review"])

        reporter.goto("/admin/articles/article/")
        expect(reporter.locator("#result_list")).to_be_visible()
        for action in ("publish_selected", "unpublish_selected"):
            option = reporter.locator(f"select[name='action'] option[value='{action}']")
            expect(option).to_have_count(0)
