"""The desk's workflow: publication states, confirmations, review notes, the dashboard."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article, ReviewNote, Revision
from tests.admin_forms import article_form
from tests.factories import make_article

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_article_changelist")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def later(hours=24):
    return timezone.now() + dt.timedelta(hours=hours)


class ScheduledStateTests:
    def test_the_list_reads_scheduled_for_never_published(self, editor_client):
        make_article("Tomorrow's budget", published_at=later().replace(hour=9, minute=30))
        response = editor_client.get(CHANGELIST)
        row = response.text.split(">Tomorrow&#x27;s budget</a>")[1].split("</tr>")[0]
        assert "Scheduled for" in row
        assert "09:30" in row
        assert "Published" not in row

    def test_the_form_reads_scheduled_for(self, editor_client):
        article = make_article("Tomorrow's budget", published_at=later())
        text = editor_client.get(change_url(article)).text
        assert text.count("Scheduled for") >= 2  # the state line and the status choice
        assert '<option value="published" selected>Published</option>' not in text
        assert 'aria-label="Publication date"' in text
        assert 'aria-label="Publication time"' in text

    def test_the_preview_reads_scheduled_for(self, editor_client, client):
        article = make_article("Tomorrow's budget", published_at=later())
        text = editor_client.get(article.get_absolute_url()).text
        assert "Scheduled for" in text
        assert "Published <time" not in text

    def test_it_goes_live_at_its_time(self, client):
        article = make_article("Budget", published_at=later())
        assert client.get(article.get_absolute_url()).status_code == 404
        Article.objects.filter(pk=article.pk).update(published_at=timezone.now())
        assert client.get(article.get_absolute_url()).status_code == 200


class PublicationConfirmationTests:
    def test_publishing_from_the_form_asks_first(self, editor_client):
        draft = make_article("Ready", status=Article.Status.REVIEW)
        response = editor_client.post(
            change_url(draft), article_form(draft, status="published", body="Final words")
        )
        assert response.status_code == 200
        assert "Readers will see “Ready” as soon as you confirm" in response.text
        assert 'name="body" value="Final words"' in response.text
        draft.refresh_from_db()
        assert draft.status == Article.Status.REVIEW

        confirmed = editor_client.post(
            change_url(draft),
            article_form(draft, status="published", body="Final words", _confirm_publication="1"),
        )
        assert confirmed.status_code == 302
        draft.refresh_from_db()
        assert (draft.status, draft.body) == (Article.Status.PUBLISHED, "Final words")

    def test_unpublishing_a_live_article_asks_first(self, editor_client):
        live = make_article("Live")
        response = editor_client.post(change_url(live), article_form(live, status="unpublished"))
        assert "“Live” is live. Once you confirm, readers will no longer find it" in response.text
        live.refresh_from_db()
        assert live.is_public

    def test_an_edit_that_keeps_readers_view_does_not_ask(self, editor_client):
        live = make_article("Live")
        response = editor_client.post(change_url(live), article_form(live, body="New words"))
        assert response.status_code == 302

    def test_scheduling_a_draft_does_not_ask(self, editor_client):
        draft = make_article("Soon", status=Article.Status.DRAFT)
        when = timezone.localtime(later())
        response = editor_client.post(
            change_url(draft),
            article_form(
                draft,
                status="published",
                published_at_0=when.strftime("%Y-%m-%d"),
                published_at_1=when.strftime("%H:%M:%S"),
            ),
        )
        assert response.status_code == 302
        draft.refresh_from_db()
        assert draft.is_scheduled
        assert draft.revisions.first().kind == Revision.Kind.SCHEDULED

    def test_the_list_action_asks_first(self, editor_client):
        draft = make_article("Ready", status=Article.Status.REVIEW)
        response = editor_client.post(
            CHANGELIST, {"action": "publish_selected", "_selected_action": [draft.pk]}
        )
        assert response.status_code == 200
        assert "Publish 1 article?" in response.text
        draft.refresh_from_db()
        assert draft.status == Article.Status.REVIEW


class ReviewNoteTests:
    def test_a_submission_note_reaches_the_editors_dashboard(self, reporter, editor, client):
        draft = Article(title="Workshop opens", status=Article.Status.DRAFT, created_by=reporter)
        services.article_save(article=draft, by=reporter)
        client.force_login(reporter)
        client.post(
            change_url(draft),
            article_form(draft, status="review", review_note="Check the minister's title"),
        )
        draft.refresh_from_db()
        assert draft.status == Article.Status.REVIEW
        assert draft.revisions.first().kind == Revision.Kind.SUBMITTED
        client.force_login(editor)
        dashboard = client.get(reverse("admin:index")).text
        waiting = dashboard.split("Waiting for review")[1].split("</section>")[0]
        assert "Workshop opens" in waiting
        assert "Check the minister&#x27;s title" in waiting
        assert "from rory" in waiting

    def test_returning_needs_a_note_and_the_reporter_reads_it(self, reporter, editor, client):
        draft = Article(title="Workshop opens", status=Article.Status.DRAFT, created_by=reporter)
        services.article_save(article=draft, by=reporter)
        draft.status = Article.Status.REVIEW
        services.article_save(article=draft, by=reporter)

        client.force_login(editor)
        refused = client.post(change_url(draft), article_form(draft, status="draft"))
        assert "Tell the reporter what to change" in refused.text
        client.post(
            change_url(draft), article_form(draft, status="draft", review_note="Add a source")
        )
        note = ReviewNote.objects.get(kind=ReviewNote.Kind.RETURNED)
        assert (note.recipient, note.created_by) == (reporter, editor)
        assert draft.revisions.first().kind == Revision.Kind.RETURNED

        client.force_login(reporter)
        dashboard = client.get(reverse("admin:index")).text
        returned = dashboard.split("Returned to you")[1].split("</section>")[0]
        assert "Workshop opens" in returned
        assert "Add a source" in returned

    def test_a_reporter_cannot_choose_to_publish_or_unpublish(self, reporter_client, reporter):
        draft = Article(title="Mine", status=Article.Status.DRAFT, created_by=reporter)
        services.article_save(article=draft, by=reporter)
        text = reporter_client.get(change_url(draft)).text
        assert 'value="published"' not in text
        assert 'value="unpublished"' not in text


class DashboardTests:
    def test_lists_what_waits_and_what_comes_out(self, editor_client, editor):
        mine = Article(title="My own draft", status=Article.Status.DRAFT, created_by=editor)
        services.article_save(article=mine, by=editor)
        make_article("Out this week", published_at=later(48))
        make_article("Out already")
        make_article("Imported with doubts", imported_at=timezone.now(), quality_flags=["x"])
        text = editor_client.get(reverse("admin:index")).text

        def section(heading):
            return text.split(f">{heading}</h2>")[1].split("</section>")[0]

        assert "My own draft" in section("My drafts")
        assert "Out this week" in section("Scheduled next")
        assert "Scheduled for" in section("Scheduled next")
        assert "Out already" in section("Recently published")
        assert "Out this week" not in section("Recently published")
        assert "1 quality flag" in section("Imports to check")
        assert "Suggestions waiting: 0" in section("Links to review")

    def test_takes_the_same_queries_with_more_articles(
        self, editor_client, django_assert_num_queries
    ):
        def rows():
            for number in range(6):
                make_article(f"Scheduled {number}", published_at=later(number + 1))
                make_article(f"Review {number}", status=Article.Status.REVIEW)
                make_article(f"Live {number}")

        for prepare in (lambda: None, rows):
            prepare()
            with django_assert_num_queries(12):
                assert editor_client.get(reverse("admin:index")).status_code == 200
