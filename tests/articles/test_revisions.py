import datetime
import re

import pytest
from django.contrib.admin.models import LogEntry
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.admin.forms import ArticleAdminForm
from articles.models import Article, Revision
from tests.admin_forms import article_form
from tests.factories import make_article, png_upload

pytestmark = pytest.mark.django_db


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def form_version(response):
    return re.search(r'name="based_on_version" value="(\d+)"', response.text)[1]


class ConcurrentEditTests:
    def test_change_form_carries_the_version_it_shows(self, editor_client):
        article = make_article("Story")
        assert form_version(editor_client.get(change_url(article))) == str(article.version)

    def test_the_second_of_two_overlapping_edits_is_refused(self, editor_client, client, editor):
        article = make_article("Story")
        client.force_login(editor)
        first_version = form_version(editor_client.get(change_url(article)))
        second_version = form_version(client.get(change_url(article)))

        first = editor_client.post(
            change_url(article),
            article_form(article, title="First edit", based_on_version=first_version),
        )
        second = client.post(
            change_url(article),
            article_form(article, title="Second edit", based_on_version=second_version),
        )

        assert first.status_code == 302
        assert second.status_code == 200
        assert "was changed by eda" in second.text
        assert "Your changes were not saved" in second.text
        assert f'href="{change_url(article)}"' in second.text
        article.refresh_from_db()
        assert article.title == "First edit"

    def test_a_refused_edit_keeps_the_editors_text_in_the_form(self, editor_client):
        article = make_article("Story")
        stale = article.version
        article.dek = "Someone else's standfirst"
        services.article_save(article=article, by=None)
        response = editor_client.post(
            change_url(article),
            article_form(article, body="My careful rewrite", based_on_version=stale),
        )
        assert "My careful rewrite" in response.text

    def test_an_edit_without_a_version_is_refused(self, editor_client):
        article = make_article("Story")
        data = article_form(article, title="Blind edit")
        del data["based_on_version"]
        assert editor_client.post(change_url(article), data).status_code == 200
        article.refresh_from_db()
        assert article.title == "Story"

    def test_service_refuses_a_stale_version(self, editor):
        article = make_article("Story")
        stale = article.version
        article.dek = "A newer standfirst"
        services.article_save(article=article, by=editor)
        article.title = "Overwrite"
        with pytest.raises(services.EditConflict):
            services.article_save(article=article, by=editor, expected_version=stale)
        assert Article.objects.get(pk=article.pk).title == "Story"


class RevisionTests:
    def test_every_admin_save_records_a_revision(self, editor_client):
        article = make_article("Story")
        for title in ("One", "Two"):
            article.refresh_from_db()
            editor_client.post(change_url(article), article_form(article, title=title))
        article.refresh_from_db()
        assert list(article.revisions.values_list("content__title", "version")) == [
            ("Two", 3),
            ("One", 2),
            ("Story", 1),
        ]
        assert article.revisions.first().created_by.username == "eda"

    def test_adding_an_article_records_version_one(self, editor_client):
        response = editor_client.post(
            reverse("admin:articles_article_add"),
            article_form(Article(title="New", body="Text", status="draft"), based_on_version="0"),
        )
        assert response.status_code == 302
        article = Article.objects.get(title="New")
        assert article.version == 1
        assert article.revisions.get().kind == Revision.Kind.CREATED

    def test_publish_action_records_a_revision_and_a_log_entry(self, editor_client):
        draft = make_article("Ready", status=Article.Status.REVIEW)
        editor_client.post(
            reverse("admin:articles_article_changelist"),
            {"action": "publish_selected", "_selected_action": [draft.pk], "post": "yes"},
        )
        assert draft.revisions.first().kind == Revision.Kind.PUBLISHED
        entry = LogEntry.objects.get(object_id=str(draft.pk))
        assert entry.user.username == "eda"
        assert "Published" in entry.get_change_message()

    def test_revision_page_shows_the_old_text_and_a_diff(self, editor_client, editor):
        article = make_article("Story", body="The old sentence.")
        article.body = "The new sentence."
        services.article_save(article=article, by=editor)
        old = article.revisions.last()
        response = editor_client.get(
            reverse("admin:articles_article_revision", args=[article.pk, old.version])
        )
        assert response.status_code == 200
        assert '<del title="removed">old</del>' in response.text
        assert '<ins title="added">new</ins>' in response.text

    def test_revision_list_is_linked_from_the_change_form(self, editor_client):
        article = make_article("Story")
        revisions = reverse("admin:articles_article_revisions", args=[article.pk])
        assert revisions in editor_client.get(change_url(article)).text
        assert editor_client.get(revisions).status_code == 200

    def test_restoring_makes_a_new_version_with_the_old_text(self, editor_client, editor):
        article = make_article("Story", body="Original body")
        original = article.revisions.get()
        article.title, article.body = "Rewritten", "Rewritten body"
        services.article_save(article=article, by=editor)

        response = editor_client.post(
            reverse("admin:articles_article_revision_restore", args=[article.pk, original.version]),
            {"based_on_version": article.version},
        )

        assert response.status_code == 302
        article.refresh_from_db()
        assert (article.title, article.body) == ("Story", "Original body")
        newest = article.revisions.first()
        assert newest.version == article.version == original.version + 2
        assert newest.label == f"Restored (version {original.version})"
        assert Revision.objects.filter(article=article).count() == 3
        assert LogEntry.objects.filter(object_id=str(article.pk)).exists()

    def test_restoring_over_a_newer_edit_is_refused(self, editor_client, editor):
        article = make_article("Story")
        seen = article.version
        article.title = "Meanwhile"
        services.article_save(article=article, by=editor)
        editor_client.post(
            reverse("admin:articles_article_revision_restore", args=[article.pk, seen]),
            {"based_on_version": seen},
        )
        article.refresh_from_db()
        assert article.title == "Meanwhile"

    def test_restore_asks_first_and_says_readers_will_see_it(self, editor_client, editor):
        article = make_article("Story", body="Original body")
        article.body = "Rewritten body"
        services.article_save(article=article, by=editor)
        url = reverse("admin:articles_article_revision_restore", args=[article.pk, 1])
        response = editor_client.get(url)
        assert response.status_code == 200
        assert "readers will see the restored text as soon as you confirm" in response.text
        assert 'value="Yes, restore version 1"' in response.text
        article.refresh_from_db()
        assert article.body == "Rewritten body"

    def test_restoring_a_draft_does_not_speak_of_readers(self, editor_client, editor):
        article = make_article("Story", body="Original body", status=Article.Status.DRAFT)
        article.body = "Rewritten body"
        services.article_save(article=article, by=editor)
        url = reverse("admin:articles_article_revision_restore", args=[article.pk, 1])
        assert "readers will see" not in editor_client.get(url).text

    def test_reporter_cannot_restore_a_published_article(self, reporter_client, editor):
        article = make_article("Story")
        version = article.version
        article.title = "Edited"
        services.article_save(article=article, by=editor)
        response = reporter_client.post(
            reverse("admin:articles_article_revision_restore", args=[article.pk, version]),
            {"based_on_version": article.version},
        )
        assert response.status_code == 403
        article.refresh_from_db()
        assert article.title == "Edited"


def editable_article_fields():
    return {
        field.name
        for field in Article._meta.concrete_fields
        if field.editable and not field.primary_key
    }


class SnapshotTests:
    def test_a_revision_keeps_every_editable_article_field(self):
        # A field added to Article is kept by revisions with no change to Revision.
        article = make_article("Story")
        assert set(article.revisions.get().content) == editable_article_fields()

    def test_the_admin_form_edits_the_fields_revisions_keep(self):
        # Authors are a relation the form saves after the article; revisions keep fields.
        assert set(ArticleAdminForm._meta.fields) == editable_article_fields() | {"authors"}

    def test_dates_and_the_image_name_read_back_as_saved(self):
        article = make_article("Photo", lead_image=png_upload(), source_url="https://example.com/a")
        saved = article.revisions.get().saved
        assert saved.published_at == article.published_at
        assert saved.lead_image.name == article.lead_image.name != ""
        assert saved.source_url == "https://example.com/a"

    def test_restoring_brings_back_the_text_but_not_the_publication(self, editor):
        article = make_article("Story", body="Old body", dek="Old standfirst")
        old = article.revisions.get()
        later = article.published_at + datetime.timedelta(days=1)
        article.body, article.dek, article.slug = "New body", "New standfirst", "renamed"
        article.status, article.published_at = Article.Status.REVIEW, later
        services.article_save(article=article, by=editor)

        services.article_restore(article=article, revision=old, by=editor)

        article.refresh_from_db()
        assert (article.body, article.dek) == ("Old body", "Old standfirst")
        assert (article.slug, article.status, article.published_at) == (
            "renamed",
            Article.Status.REVIEW,
            later,
        )

    def test_the_diff_names_fields_as_the_change_form_does(self, editor_client, editor):
        article = make_article("Story", dek="Old standfirst")
        article.dek = "New standfirst"
        services.article_save(article=article, by=editor)
        url = reverse("admin:articles_article_revision", args=[article.pk, article.version - 1])
        response = editor_client.get(url)
        assert "<h3>Standfirst</h3>" in response.text
        assert "<h3>Dek</h3>" not in response.text


# Migrating back and forth needs real transactions; serialized_rollback puts back the
# groups that migrations create.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
class RevisionMigrationTests:
    BEFORE = [("articles", "0010_revision_content")]
    AFTER = [("articles", "0012_revision_drop_columns")]

    def migrate(self, targets):
        executor = MigrationExecutor(connection)
        executor.migrate(targets)
        return executor.loader.project_state(targets).apps

    def old_revision(self, apps, published):
        article = apps.get_model("articles", "Article").objects.create(
            title="Story", slug="story", status="published", published_at=published
        )
        return apps.get_model("articles", "Revision").objects.create(
            article=article,
            version=1,
            title="Old title",
            slug="story",
            dek="Old standfirst",
            body="Old body",
            status="published",
            published_at=published,
            lead_image="articles/2026/12/lead.png",
        )

    def test_old_revision_columns_become_the_snapshot(self):
        published = timezone.now().replace(microsecond=0)
        try:
            self.old_revision(self.migrate(self.BEFORE), published)
            migrated = self.migrate(self.AFTER).get_model("articles", "Revision")
            saved = Revision(content=migrated.objects.get().content).saved
            assert (saved.title, saved.dek, saved.body) == (
                "Old title",
                "Old standfirst",
                "Old body",
            )
            assert saved.published_at == published
            assert saved.lead_image.name == "articles/2026/12/lead.png"
            assert saved.seo_title == ""
        finally:
            self.migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    def test_unapplying_puts_the_columns_back(self):
        published = timezone.now().replace(microsecond=0)
        try:
            self.old_revision(self.migrate(self.BEFORE), published)
            self.migrate(self.AFTER)
            apps = self.migrate(self.BEFORE)
            old = apps.get_model("articles", "Revision").objects.get()
            assert (old.title, old.body, old.published_at) == ("Old title", "Old body", published)
            assert old.lead_image == "articles/2026/12/lead.png"
        finally:
            self.migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


@pytest.mark.django_db
class ArticleLanguageTests:
    def test_language_is_edited_in_the_admin_form_and_kept_in_revisions(self):
        assert "language" in ArticleAdminForm.base_fields
        article = make_article(language="kk")
        assert Revision.of(article).content["language"] == "kk"
