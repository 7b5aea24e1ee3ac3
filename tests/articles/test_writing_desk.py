"""The desk around the article form: the editor, autosave, the version check, the
conflict screen, the live preview and share links."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article, Draft, ShareLink
from tests.admin_forms import article_form
from tests.factories import make_alias, make_article, make_institution

pytestmark = pytest.mark.django_db


def admin_url(name, article=None, *args):
    if article is None:
        return reverse(f"admin:articles_article_{name}", args=args)
    return reverse(f"admin:articles_article_{name}", args=[article.pk, *args])


def autosave(client, article, **changes):
    url = admin_url("autosave", article) if article else admin_url("autosave_new")
    data = article_form(article or Article(title=""), **changes)
    return client.post(url, data)


class EditorTests:
    def test_the_body_is_a_markdown_textarea_the_editor_script_takes_over(self, editor_client):
        article = make_article("Story", body="Some **bold** words.")
        page = editor_client.get(admin_url("change", article)).text
        assert re.search(r"<textarea[^>]*name=\"body\"[^>]*data-markdown-editor", page)
        assert "Some **bold** words." in page
        for asset in ("easymde.min.js", "easymde.min.css", "admin/editor.js", "admin/desk.js"):
            assert asset in page

    def test_the_article_list_does_not_load_the_editor(self, editor_client):
        assert "easymde" not in editor_client.get(admin_url("changelist")).text


class AutosaveTests:
    def test_an_autosave_is_offered_back_when_the_editor_returns(self, editor_client):
        article = make_article("Story")
        assert autosave(editor_client, article, body="Half a paragraph").status_code == 200
        page = editor_client.get(admin_url("change", article)).text
        assert "You have changes that were not saved" in page
        assert "Restore my changes" in page and "Discard them" in page
        kept = editor_client.get(admin_url("autosave", article)).json()
        assert kept["fields"]["body"] == "Half a paragraph"
        assert kept["based_on_version"] == article.version

    def test_an_autosave_is_no_revision_and_changes_nothing_readers_see(self, editor_client):
        article = make_article("Story", body="Old text")
        autosave(editor_client, article, body="New text")
        article.refresh_from_db()
        assert article.body == "Old text"
        assert article.revisions.count() == 1

    def test_each_editor_has_a_draft_of_their_own(self, editor_client, client, reporter):
        article = make_article("Story", status=Article.Status.DRAFT)
        autosave(editor_client, article, body="The editor's text")
        client.force_login(reporter)
        assert "You have changes" not in client.get(admin_url("change", article)).text
        assert client.get(admin_url("autosave", article)).status_code == 404

    def test_saving_the_article_drops_the_draft(self, editor_client):
        article = make_article("Story")
        autosave(editor_client, article, body="Typed")
        response = editor_client.post(admin_url("change", article), article_form(article))
        assert response.status_code == 302
        assert not Draft.objects.exists()

    def test_discarding_forgets_the_draft(self, editor_client):
        article = make_article("Story")
        autosave(editor_client, article, body="Typed")
        editor_client.post(admin_url("autosave", article), {"discard": "1"})
        assert "You have changes" not in editor_client.get(admin_url("change", article)).text

    def test_a_new_article_is_autosaved_too(self, editor_client):
        assert autosave(editor_client, None, title="Not yet saved").status_code == 200
        assert "You have changes" in editor_client.get(admin_url("add")).text
        assert Draft.objects.get(article=None).fields["title"] == "Not yet saved"

    def test_a_bad_version_is_refused_with_a_reason(self, editor_client):
        article = make_article("Story")
        response = autosave(editor_client, article, based_on_version="soon")
        assert response.status_code == 400
        assert "based_on_version" in response.json()["error"]

    def test_a_reporter_cannot_autosave_over_a_published_article(self, reporter_client):
        article = make_article("Story")
        assert autosave(reporter_client, article).status_code == 403


class VersionCheckTests:
    def test_says_who_saved_since_the_version_the_form_holds(self, editor_client, editor):
        article = make_article("Story")
        since = article.version
        article.title = "Changed elsewhere"
        services.article_save(article=article, by=editor)
        answer = editor_client.get(admin_url("version", article), {"since": since}).json()
        assert answer["version"] == since + 1
        assert answer["saved_by"] == "eda"

    def test_an_unchanged_article_answers_its_version_only(self, editor_client):
        article = make_article("Story")
        answer = editor_client.get(admin_url("version", article), {"since": article.version})
        assert answer.json() == {"version": article.version}


class ConflictScreenTests:
    def stale_post(self, client, article, **changes):
        stale = article.version
        other = Article.objects.get(pk=article.pk)
        other.title, other.dek = "Their headline", "Their standfirst"
        services.article_save(article=other, by=None)
        return client.post(
            admin_url("change", article),
            article_form(article, based_on_version=str(stale), **changes),
        )

    def test_shows_their_change_beside_yours_per_field(self, editor_client):
        article = make_article("Old headline", dek="Old standfirst", body="Old body")
        response = self.stale_post(editor_client, article, title="My headline", body="My body")
        text = response.text
        assert response.status_code == 200
        assert "Their changes and yours" in text
        rows = re.findall(r"<tr data-conflict-row.*?</tr>", text, re.S)
        assert len(rows) == 3  # title, standfirst, body differ; nothing else
        title_row = next(row for row in rows if "Their headline" in row)
        assert "My headline" in title_row
        assert 'name="conflict-title" value="theirs"' in title_row

    def test_the_refused_form_is_not_offered_back_as_an_autosave(self, editor_client):
        article = make_article("Old headline")
        autosave(editor_client, article, title="My headline")
        response = self.stale_post(editor_client, article, title="My headline")
        assert "Their changes and yours" in response.text
        assert "You have changes that were not saved" not in response.text

    def test_one_choice_per_field_saves_their_side_or_yours(self, editor_client):
        article = make_article("Old headline", dek="Old standfirst", body="Old body")
        response = self.stale_post(editor_client, article, title="My headline", body="My body")
        version = re.search(r'name="based_on_version" value="(\d+)"', response.text)[1]
        resolved = editor_client.post(
            admin_url("change", article),
            article_form(
                article,
                title="My headline",
                body="My body",
                based_on_version=version,
                **{"conflict-title": "theirs", "conflict-body": "mine"},
            ),
        )
        assert resolved.status_code == 302
        article.refresh_from_db()
        assert (article.title, article.body) == ("Their headline", "My body")


class LivePreviewTests:
    def test_shows_the_unsaved_text_with_its_entity_links(self, editor_client):
        college = make_institution("Polytechnic College")
        make_alias(college, "KCPC")
        article = make_article("Story", body="Nothing yet.", status=Article.Status.DRAFT)
        response = editor_client.post(
            admin_url("preview", article),
            article_form(article, body="The KCPC opened a workshop."),
        )
        assert response.status_code == 200
        assert "Live preview — not saved." in response.text
        assert re.search(
            rf'<a[^>]*href="{college.get_absolute_url()}"[^>]*>KCPC</a> opened', response.text
        )
        article.refresh_from_db()
        assert article.body == "Nothing yet."

    def test_a_new_article_can_be_previewed_before_its_first_save(self, editor_client):
        data = article_form(Article(title=""), title="Draft title", body="A *new* text.")
        response = editor_client.post(admin_url("preview_new"), data)
        assert response.status_code == 200
        assert "Draft title" in response.text and "<em>new</em>" in response.text

    def test_a_half_typed_date_keeps_the_stored_one(self, editor_client):
        article = make_article("Story")
        response = editor_client.post(
            admin_url("preview", article), article_form(article, published_at_0="2026-1")
        )
        assert response.status_code == 200

    def test_a_staff_preview_of_a_draft_leads_back_to_the_editor(self, editor_client):
        article = make_article("Story", status=Article.Status.DRAFT)
        page = editor_client.get(article.get_absolute_url()).text
        assert f'href="{admin_url("change", article)}">Back to edit' in page


class ShareLinkTests:
    def share(self, client, article, hours="24"):
        return client.post(admin_url("share", article), {"hours": hours}, follow=True)

    def test_an_editor_shares_a_draft_and_sees_the_link_listed(self, editor_client, client):
        article = make_article("Secret story", status=Article.Status.DRAFT)
        page = self.share(editor_client, article, hours="1").text
        link = ShareLink.objects.get()
        assert link.expires_at - link.created_at == datetime.timedelta(hours=1)
        assert link.get_absolute_url() in page
        assert "eda" in page
        client.logout()
        response = client.get(link.get_absolute_url())
        assert response.status_code == 200
        assert "Secret story" in response.text
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]

    def test_a_revoked_link_gives_the_sites_404(self, editor_client, client):
        article = make_article("Secret story", status=Article.Status.DRAFT)
        self.share(editor_client, article)
        link = ShareLink.objects.get()
        editor_client.post(admin_url("share_revoke", article, link.pk))
        client.logout()
        response = client.get(link.get_absolute_url())
        assert response.status_code == 404
        assert "Page not found" in response.text
        assert link.get_absolute_url() not in editor_client.get(admin_url("change", article)).text

    def test_an_expired_link_gives_the_sites_404(self, editor_client, client):
        article = make_article("Secret story", status=Article.Status.DRAFT)
        self.share(editor_client, article)
        ShareLink.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
        client.logout()
        assert client.get(ShareLink.objects.get().get_absolute_url()).status_code == 404

    def test_a_forged_token_opens_nothing(self, client):
        article = make_article("Secret story", status=Article.Status.DRAFT)
        link = ShareLink.objects.create(
            article=article, expires_at=timezone.now() + datetime.timedelta(hours=1)
        )
        forged = link.token[:-2] + ("AA" if not link.token.endswith("AA") else "BB")
        url = reverse("articles:shared", kwargs={"token": forged})
        assert client.get(url).status_code == 404

    @pytest.mark.parametrize("hours", ["0", "200", "soon", ""])
    def test_a_lifetime_outside_the_choices_is_refused(self, editor_client, hours):
        article = make_article("Secret story", status=Article.Status.DRAFT)
        page = self.share(editor_client, article, hours=hours).text
        assert "Choose how long the link works: 1 hour" in page
        assert not ShareLink.objects.exists()

    def test_a_published_article_is_not_shared(self, editor_client):
        article = make_article("Public story")
        page = self.share(editor_client, article).text
        assert "share its public address instead" in page
        assert not ShareLink.objects.exists()


class StaffEditLinkTests:
    def test_public_pages_carry_a_hidden_edit_link_for_the_script(self, client):
        article = make_article("Story")
        page = client.get(article.get_absolute_url()).text
        assert re.search(
            rf'<p class="staff-edit[^"]*" data-staff-cookie="newsroom_staff" hidden><a href="'
            rf'{admin_url("change", article)}"',
            page,
        )
        assert "js/staff-edit.js" in page

    def test_the_admin_marks_a_staff_browser_and_unmarks_it_on_logout(self, editor_client):
        response = editor_client.get(reverse("admin:index"))
        cookie = response.cookies["newsroom_staff"]
        assert cookie.value == "1" and not cookie["httponly"]
        editor_client.cookies["newsroom_staff"] = "1"
        logout = editor_client.post(reverse("admin:logout"))
        assert logout.cookies["newsroom_staff"].value == ""

    def test_a_readers_page_sets_no_cookie(self, client):
        article = make_article("Story")
        assert not client.get(article.get_absolute_url()).cookies
