"""The history an editor reads: what happened, by whom; comparing any two versions;
corrections and the "Updated" line readers see."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article, Mention, Revision
from tests.admin_forms import article_form
from tests.factories import decide, make_article, make_institution

pytestmark = pytest.mark.django_db


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def compare_url(article, old, new):
    url = reverse("admin:articles_article_revision_compare", args=[article.pk])
    return f"{url}?from={old}&to={new}"


class WhatHappenedTests:
    def test_each_step_of_an_articles_life_is_labelled(self, editor):
        article = make_article("Story", status=Article.Status.DRAFT)
        steps = [
            ("status", Article.Status.REVIEW),
            ("published_at", timezone.now() + dt.timedelta(days=1)),
            ("status", Article.Status.PUBLISHED),
            ("published_at", timezone.now() - dt.timedelta(minutes=1)),
            ("body", "A later edit."),
            ("correction", "An earlier version misspelt a name."),
            ("status", Article.Status.UNPUBLISHED),
        ]
        for name, value in steps:
            setattr(article, name, value)
            services.article_save(article=article, by=editor)
        services.article_restore(article=article, revision=article.revisions.last(), by=editor)
        kinds = list(article.revisions.order_by("version").values_list("kind", flat=True))
        assert kinds == [
            "created",
            "submitted",
            "edited",
            "scheduled",
            "published",
            "edited",
            "corrected",
            "unpublished",
            "restored",
        ]

    def test_the_list_says_what_happened_and_who(self, editor_client, editor):
        article = make_article("Story")
        article.body = "New words."
        services.article_save(article=article, by=editor)
        text = editor_client.get(
            reverse("admin:articles_article_revisions", args=[article.pk])
        ).text
        assert "<td>Edited</td>" in text
        assert "<td>eda</td>" in text
        assert "<td>Created</td>" in text

    def test_a_save_that_changes_nothing_is_no_new_version(self, editor_client):
        article = make_article("Story")
        response = editor_client.post(change_url(article), article_form(article))
        assert response.status_code == 302
        article.refresh_from_db()
        assert article.version == 1
        assert article.revisions.count() == 1
        # Another tab, opened at version 1, still saves without a conflict.
        other_tab = editor_client.post(change_url(article), article_form(article, title="Mine"))
        assert other_tab.status_code == 302

    def test_a_browsers_line_breaks_are_no_change(self, editor_client):
        article = make_article("Story", body="One paragraph.\n\nAnother.")
        posted = article_form(article, body="One paragraph.\r\n\r\nAnother.")
        assert editor_client.post(change_url(article), posted).status_code == 302
        article.refresh_from_db()
        assert (article.version, article.body) == (1, "One paragraph.\n\nAnother.")


class CompareTests:
    def test_any_two_versions_word_by_word_under_the_forms_labels(self, editor_client, editor):
        article = make_article("Story", dek="The council met on Monday.")
        for dek in ("The council met on Tuesday.", "The council met on Friday."):
            article.dek = dek
            services.article_save(article=article, by=editor)
        text = editor_client.get(compare_url(article, 1, 3)).text
        assert "<h3>Standfirst</h3>" in text
        assert "Dek" not in text
        assert '<del title="removed">Monday.</del>' in text
        assert '<ins title="added">Friday.</ins>' in text
        assert "Tuesday" not in text

    def test_shows_a_rejected_and_an_added_link(self, editor_client, editor):
        board = make_institution("Water Board")
        article = make_article("Story", body="The Water Board met.")
        decide(article, board, Mention.State.REJECTED)
        services.record_links(article)
        ministry = make_institution("Ministry of Energy")
        article.body = "The Water Board met the Ministry of Energy."
        services.article_save(article=article, by=editor)
        first = article.revisions.get(version=1)
        assert first.links[str(board.pk)]["state"] == Mention.State.REJECTED

        make_article("Other")  # a version of another article is not this one's
        zero_to_two = editor_client.get(compare_url(article, 1, 2)).text
        assert '<tr class="link-added"><td>Ministry of Energy</td><td>Added</td>' in zero_to_two
        article.refresh_from_db()
        decide(article, ministry, Mention.State.REJECTED)
        services.record_links(article)
        text = editor_client.get(compare_url(article, 1, 2)).text
        assert '<tr class="link-rejected"><td>Ministry of Energy</td>' not in text
        assert "Ministry of Energy" in text

    def test_a_decision_in_the_review_panel_reaches_the_history(self, editor_client, editor):
        board = make_institution("Water Board")
        article = make_article("Story", body="The Water Board met.")
        article.body = "The Water Board met again."
        services.article_save(article=article, by=editor)
        occurrence = article.occurrences.get(entity=board)
        editor_client.post(
            reverse("admin:articles_article_decide", args=[article.pk, occurrence.pk]),
            {"decision": "rejected"},
        )
        text = editor_client.get(compare_url(article, 1, 2)).text
        assert '<tr class="link-rejected"><td>Water Board</td><td>Rejected</td>' in text

    def test_an_unknown_version_is_a_clear_message_not_an_error(self, editor_client):
        article = make_article("Story")
        response = editor_client.get(compare_url(article, 1, 99), follow=True)
        assert "Choose two versions of this article to compare" in response.text


class CorrectionTests:
    def test_an_edit_after_publication_shows_updated_with_date_and_time(self, client, editor):
        article = make_article(published_at=timezone.now() - dt.timedelta(days=1))
        article.body = "A fuller account."
        services.article_save(article=article, by=editor)
        text = client.get(article.get_absolute_url()).text
        when = timezone.localtime(article.text_updated_at).strftime("%H:%M")
        assert "Updated <time" in text
        assert when in text.split("Updated <time")[1].split("</time>")[0]

    def test_a_change_readers_do_not_read_is_no_update(self, client, editor):
        article = make_article(published_at=timezone.now() - dt.timedelta(days=1))
        article.lead_image_credit = "Photo: press service"
        services.article_save(article=article, by=editor)
        assert "Updated <time" not in client.get(article.get_absolute_url()).text

    def test_a_correction_is_shown_to_readers_and_kept(self, client, editor):
        article = make_article(published_at=timezone.now() - dt.timedelta(days=1))
        article.correction = "An earlier version gave the wrong budget."
        services.article_save(article=article, by=editor)
        text = client.get(article.get_absolute_url()).text
        assert '<h2 id="correction-heading">Correction</h2>' in text
        assert "An earlier version gave the wrong budget." in text
        revision = article.revisions.first()
        assert revision.kind == Revision.Kind.CORRECTED
        assert revision.content["correction"] == "An earlier version gave the wrong budget."
