import datetime as dt
import html

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Mention
from authors.models import Author
from institutions.models import Alias, Appointment, Entity, Institution, Official, Post
from sections.models import Section
from tests.admin_forms import article_form
from tests.factories import (
    make_alias,
    make_article,
    make_author,
    make_institution,
    make_mention,
    make_official,
    make_section,
)

pytestmark = pytest.mark.django_db

REGISTERED = [Article, Entity, Institution, Official, Post, Author, Section]


@pytest.fixture
def admin_data(db):
    mazhilis = make_institution("Mazhilis")
    make_alias(mazhilis, "Majilis")
    koshanov = make_official("Yerlan Koshanov")
    post = Post.objects.create(institution=mazhilis, label="Chairman")
    Appointment.objects.create(official=koshanov, post=post)
    article = make_article("Koshanov visits the workshop")
    author = make_author("Aigerim Sadykova")
    section = make_section("Politics")
    return {
        Author: author,
        Section: section,
        Article: article,
        Entity: mazhilis.entity_ptr,
        Institution: mazhilis,
        Official: koshanov,
        Post: post,
    }


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


class AdminPagesTests:
    @pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m.__name__)
    def test_changelist_renders(self, admin_client, admin_data, model):
        response = admin_client.get(admin_url(model, "changelist"))
        assert response.status_code == 200
        assert str(admin_data[model]) in response.text

    @pytest.mark.parametrize("model", [Article, Institution, Official, Post, Author, Section])
    def test_add_page_renders(self, admin_client, model):
        assert admin_client.get(admin_url(model, "add")).status_code == 200

    @pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m.__name__)
    def test_change_page_renders(self, admin_client, admin_data, model):
        response = admin_client.get(admin_url(model, "change", admin_data[model].pk))
        assert response.status_code == 200
        assert str(admin_data[model]) in response.text

    def test_site_has_a_clear_title(self, admin_client):
        assert "Newsroom administration" in admin_client.get(reverse("admin:index")).text

    def test_institution_page_edits_aliases_inline(self, admin_client, admin_data):
        response = admin_client.get(admin_url(Institution, "change", admin_data[Institution].pk))
        assert 'value="Majilis"' in response.text

    def test_entity_autocomplete_finds_an_entity_by_alias(self, admin_client, admin_data):
        response = admin_client.get(
            reverse("admin:autocomplete"),
            {
                "term": "Majilis",
                "app_label": "articles",
                "model_name": "mention",
                "field_name": "entity",
            },
        )
        assert [r["text"] for r in response.json()["results"]] == ["Mazhilis"]


class ArticleListEntityFilterTests:
    def list_titles(self, client, query):
        response = client.get(admin_url(Article, "changelist") + query)
        assert response.status_code == 200
        return {article.title for article in response.context["cl"].result_list}

    def test_lists_articles_naming_the_entity_in_any_state(self, admin_client):
        mazhilis = make_institution("Mazhilis")
        make_mention(make_article("Linked"), mazhilis)
        make_mention(make_article("Awaiting an editor"), mazhilis, state=Mention.State.SUGGESTED)
        make_mention(make_article("Draft", status=Article.Status.DRAFT), mazhilis)
        make_mention(make_article("Elsewhere"), make_institution("Senate"))
        make_article("Names nobody")
        titles = self.list_titles(admin_client, f"?entity={mazhilis.pk}")
        assert titles == {"Linked", "Awaiting an editor", "Draft"}

    def test_combines_with_the_status_filter(self, admin_client):
        mazhilis = make_institution("Mazhilis")
        make_mention(make_article("Published"), mazhilis)
        make_mention(make_article("Draft", status=Article.Status.DRAFT), mazhilis)
        titles = self.list_titles(admin_client, f"?entity={mazhilis.pk}&status__exact=draft")
        assert titles == {"Draft"}

    def test_shows_the_chosen_entity_in_the_search_box(self, admin_client):
        mazhilis = make_institution("Mazhilis")
        make_mention(make_article("Linked"), mazhilis)
        response = admin_client.get(admin_url(Article, "changelist") + f"?entity={mazhilis.pk}")
        assert "data-entity-filter" in response.text
        assert f'<option value="{mazhilis.pk}" selected>Mazhilis</option>' in response.text

    def test_list_offers_the_search_box_without_listing_entities(self, admin_client):
        make_mention(make_article("Linked"), make_institution("Mazhilis"))
        response = admin_client.get(admin_url(Article, "changelist"))
        assert "data-entity-filter" in response.text
        assert "Mazhilis" not in response.text

    @pytest.mark.parametrize("value", ["mazhilis", "1.5", "\u0661"])
    def test_a_bad_entity_id_is_dropped_with_a_message(self, admin_client, value):
        response = admin_client.get(admin_url(Article, "changelist"), {"entity": value})
        assert response.status_code == 302
        assert response["Location"] == admin_url(Article, "changelist") + "?"
        followed = admin_client.get(response["Location"])
        assert f"Ignored the filter entity: {value!r} is not a whole number." in html.unescape(
            followed.content.decode()
        )

    @pytest.mark.parametrize("query", ["", "?entity={entity}", "?status__exact=published"])
    def test_query_count_does_not_grow(self, admin_client, query):
        mazhilis = make_institution("Mazhilis")
        url = admin_url(Article, "changelist") + query.format(entity=mazhilis.pk)

        def queries_after_adding(count):
            for _ in range(count):
                article = make_article()
                make_mention(article, mazhilis)
                make_mention(article, make_official())
            with CaptureQueriesContext(connection) as captured:
                assert admin_client.get(url).status_code == 200
            return len(captured)

        assert queries_after_adding(1) == queries_after_adding(10)


class ArticleListPagesTests:
    def test_the_last_page_holds_the_oldest_articles_in_order(self, admin_client):
        now = timezone.now()
        for hours in range(53):
            make_article(f"Story {hours}", published_at=now - dt.timedelta(hours=hours + 1))
        response = admin_client.get(admin_url(Article, "changelist") + "?p=2")
        assert response.status_code == 200
        titles = [article.title for article in response.context["cl"].result_list]
        assert titles == ["Story 50", "Story 51", "Story 52"]


class PublishingPermissionTests:
    def test_reporter_form_refuses_to_publish(self, reporter_client, reporter):
        draft = make_article("Draft story", status=Article.Status.DRAFT, created_by=reporter)
        response = reporter_client.post(
            admin_url(Article, "change", draft.pk), article_form(draft, status="published")
        )
        assert response.status_code == 200
        assert "Select a valid choice" in response.text or "Only an editor" in response.text
        draft.refresh_from_db()
        assert draft.status == Article.Status.DRAFT

    def test_reporter_can_submit_a_draft_for_review(self, reporter_client, reporter):
        draft = make_article("Draft story", status=Article.Status.DRAFT, created_by=reporter)
        response = reporter_client.post(
            admin_url(Article, "change", draft.pk), article_form(draft, status="review")
        )
        assert response.status_code == 302
        draft.refresh_from_db()
        assert draft.status == Article.Status.REVIEW

    def test_reporter_cannot_use_the_publish_action(self, reporter_client):
        draft = make_article("Draft story", status=Article.Status.REVIEW)
        response = reporter_client.post(
            admin_url(Article, "changelist"),
            {"action": "publish_selected", "_selected_action": [draft.pk], "post": "yes"},
            follow=True,
        )
        assert response.status_code == 200
        draft.refresh_from_db()
        assert draft.status == Article.Status.REVIEW

    def test_reporter_does_not_see_the_publish_action(self, reporter_client):
        response = reporter_client.get(admin_url(Article, "changelist"))
        assert "publish_selected" not in response.text

    def test_reporter_cannot_edit_a_published_article(self, reporter_client):
        article = make_article("Live story")
        response = reporter_client.post(
            admin_url(Article, "change", article.pk), article_form(article, title="Defaced")
        )
        assert response.status_code == 403
        article.refresh_from_db()
        assert article.title == "Live story"

    def test_editor_publishes_with_the_action(self, editor_client):
        draft = make_article("Ready", status=Article.Status.REVIEW)
        editor_client.post(
            admin_url(Article, "changelist"),
            {"action": "publish_selected", "_selected_action": [draft.pk], "post": "yes"},
        )
        draft.refresh_from_db()
        assert draft.status == Article.Status.PUBLISHED
        assert draft.published_at is not None

    def test_editor_unpublishes_with_the_action(self, editor_client):
        article = make_article("Live")
        editor_client.post(
            admin_url(Article, "changelist"),
            {"action": "unpublish_selected", "_selected_action": [article.pk], "post": "yes"},
        )
        article.refresh_from_db()
        assert article.status == Article.Status.UNPUBLISHED

    def test_editor_publishes_from_the_form(self, editor_client):
        draft = make_article("Ready", status=Article.Status.REVIEW)
        response = editor_client.post(
            admin_url(Article, "change", draft.pk),
            article_form(draft, status="published", _confirm_publication="1"),
        )
        assert response.status_code == 302
        draft.refresh_from_db()
        assert draft.status == Article.Status.PUBLISHED

    def test_reporter_cannot_manage_entities(self, reporter_client):
        response = reporter_client.get(admin_url(Institution, "add"))
        assert response.status_code == 403
        assert not User.objects.get(username="rory").has_perm("institutions.add_alias")
        assert Alias.objects.count() == 0


class AuditTrailTests:
    def test_editor_reads_who_published_what(self, editor_client):
        draft = make_article("Ready", status=Article.Status.REVIEW)
        editor_client.post(
            admin_url(Article, "changelist"),
            {"action": "publish_selected", "_selected_action": [draft.pk], "post": "yes"},
        )
        response = editor_client.get(reverse("admin:admin_logentry_changelist"))
        assert response.status_code == 200
        assert "Published from the article list." in response.text
        assert "Ready" in response.text

    def test_the_view_permission_alone_opens_the_audit_trail(self, client):
        reader = User.objects.create_user("audra", is_staff=True)
        reader.user_permissions.add(Permission.objects.get(codename="view_logentry"))
        client.force_login(reader)
        assert client.get(reverse("admin:admin_logentry_changelist")).status_code == 200

    def test_reporter_cannot_read_the_audit_trail(self, reporter_client):
        assert reporter_client.get(reverse("admin:admin_logentry_changelist")).status_code == 403

    def test_nobody_can_alter_the_audit_trail(self, admin_client, editor_client):
        article = make_article("Live")
        editor_client.post(
            admin_url(Article, "changelist"),
            {"action": "unpublish_selected", "_selected_action": [article.pk], "post": "yes"},
        )
        entry = LogEntry.objects.get()
        url = reverse("admin:admin_logentry_delete", args=[entry.pk])
        assert admin_client.post(url, {"post": "yes"}).status_code == 403
        assert LogEntry.objects.count() == 1


class BylineAndSectionAdminTests:
    def test_editor_gives_an_article_its_authors_section_and_type(self, editor_client):
        article = make_article("Budget passes")
        aigerim, dana = make_author("Aigerim Sadykova"), make_author("Dana Nurlanova")
        politics = make_section("Politics")
        data = article_form(article, section=str(politics.pk), kind="analysis")
        data["authors"] = [str(aigerim.pk), str(dana.pk)]
        response = editor_client.post(admin_url(Article, "change", article.pk), data)
        assert response.status_code == 302
        article.refresh_from_db()
        assert (article.section, article.kind) == (politics, "analysis")
        assert set(article.authors.all()) == {aigerim, dana}

    def test_an_unknown_type_is_refused_and_nothing_changes(self, editor_client):
        article = make_article("Budget passes")
        response = editor_client.post(
            admin_url(Article, "change", article.pk), article_form(article, kind="gossip")
        )
        assert response.status_code == 200
        assert "Select a valid choice. gossip is not one of the available choices." in response.text
        article.refresh_from_db()
        assert article.kind == "news"

    def test_reporter_finds_authors_and_sections_to_pick(self, reporter_client):
        make_author("Aigerim Sadykova")
        make_section("Politics")
        for model, field, name in (
            ("author", "authors", "Aigerim Sadykova"),
            ("section", "section", "Politics"),
        ):
            response = reporter_client.get(
                "/admin/autocomplete/",
                {"app_label": "articles", "model_name": "article", "field_name": field},
            )
            assert response.status_code == 200, model
            assert [result["text"] for result in response.json()["results"]] == [name]

    def test_reporter_cannot_edit_a_profile(self, reporter_client):
        author = make_author("Aigerim Sadykova")
        response = reporter_client.post(
            admin_url(Author, "change", author.pk), {"name": "Defaced", "slug": author.slug}
        )
        assert response.status_code == 403
        author.refresh_from_db()
        assert author.name == "Aigerim Sadykova"
