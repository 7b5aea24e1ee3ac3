"""Addresses that never break: old slugs of articles and entities answer with a 301."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from articles import services
from articles.models import Article, ArticleRedirect
from institutions.models import EntityRedirect
from tests.admin_forms import article_form
from tests.factories import make_article, make_institution

pytestmark = pytest.mark.django_db


def move(article, slug, by=None):
    article.slug = slug
    return services.article_save(article=article, by=by)


class ArticleRedirectTests:
    def test_an_old_address_answers_with_a_permanent_redirect(self, client):
        article = make_article("Budget", slug="budget")
        move(article, "budget-passes")
        response = client.get("/articles/budget/")
        assert response.status_code == 301
        assert response["Location"] == "/articles/budget-passes/"
        assert client.get("/articles/budget-passes/").status_code == 200

    def test_every_old_address_goes_straight_to_the_last(self, client):
        article = make_article("Budget", slug="a")
        for slug in ("b", "c"):
            move(article, slug)
        for old in ("a", "b"):
            assert client.get(f"/articles/{old}/")["Location"] == "/articles/c/"

    def test_coming_back_to_an_old_slug_makes_it_live_again(self, client):
        article = make_article("Budget", slug="a")
        move(article, "b")
        move(article, "a")
        assert client.get("/articles/a/").status_code == 200
        assert client.get("/articles/b/")["Location"] == "/articles/a/"
        assert list(ArticleRedirect.objects.values_list("slug", flat=True)) == ["b"]

    def test_an_address_taken_from_a_title_then_left_leads_to_its_last_owner(self, client):
        first = make_article("Budget", slug="budget")
        move(first, "budget-passes")
        second = make_article("Budget")  # its slug is made from the title
        assert second.slug == "budget"
        move(second, "budget-again")
        assert client.get("/articles/budget/")["Location"] == "/articles/budget-again/"

    def test_the_redirect_keeps_the_language_of_the_address(self, client):
        article = make_article("Budget", slug="budget")
        move(article, "budget-passes")
        assert client.get("/ru/articles/budget/")["Location"] == "/ru/articles/budget-passes/"

    def test_a_draft_never_public_leaves_no_redirect(self, client):
        draft = make_article("Budget", slug="budget", status=Article.Status.DRAFT)
        move(draft, "budget-draft")
        assert not ArticleRedirect.objects.exists()
        assert client.get("/articles/budget/").status_code == 404

    def test_an_unknown_slug_is_still_a_404(self, client):
        make_article("Budget", slug="budget")
        assert client.get("/articles/no-such-story/").status_code == 404

    def test_an_old_address_of_an_unpublished_article_is_a_404_for_readers(self, client):
        article = make_article("Budget", slug="budget")
        move(article, "budget-passes")
        article.status = Article.Status.UNPUBLISHED
        services.article_save(article=article, by=None)
        assert client.get("/articles/budget/").status_code == 404

    def test_taking_another_articles_old_address_is_refused(self, editor_client):
        first = make_article("Budget", slug="budget")
        move(first, "budget-passes")
        second = make_article("Other")
        response = editor_client.post(
            reverse("admin:articles_article_change", args=[second.pk]),
            article_form(second, slug="budget"),
        )
        assert response.status_code == 200
        assert "“budget” was an address of “Budget” and redirects there for good" in (
            response.text.replace("&#x27;", "'")
        )
        second.refresh_from_db()
        assert second.slug != "budget"

    def test_taking_a_live_address_is_refused(self, editor_client):
        make_article("Budget", slug="budget")
        other = make_article("Other")
        response = editor_client.post(
            reverse("admin:articles_article_change", args=[other.pk]),
            article_form(other, slug="budget"),
        )
        assert "Article with this Slug already exists." in response.text


class RedirectAdminTests:
    def test_lists_old_and_current_addresses(self, editor_client):
        article = make_article("Budget", slug="budget")
        move(article, "budget-passes")
        text = editor_client.get(reverse("admin:articles_articleredirect_changelist")).text
        assert "/articles/budget/" in text
        assert '<a href="/articles/budget-passes/">/articles/budget-passes/</a>' in text

    @pytest.mark.parametrize(
        ("slug", "message"),
        [
            ("budget-passes", "a redirect from it to itself would loop"),
            ("other", "is the live address of “Other”"),
        ],
    )
    def test_a_loop_or_a_live_address_is_refused(self, admin_client, slug, message):
        article = make_article("Budget", slug="budget-passes")
        make_article("Other", slug="other")
        response = admin_client.post(
            reverse("admin:articles_articleredirect_add"),
            {
                "article": article.pk,
                "slug": slug,
                "created_at_0": "2026-01-01",
                "created_at_1": "10:00",
            },
        )
        assert response.status_code == 200
        assert message in response.text
        assert not ArticleRedirect.objects.exists()

    def test_the_list_takes_the_same_queries_with_more_rows(
        self, admin_client, django_assert_num_queries
    ):
        url = reverse("admin:articles_articleredirect_changelist")

        def rows():
            for number in range(5):
                move(make_article(f"Story {number}", slug=f"s{number}"), f"t{number}")

        for prepare in (lambda: None, rows):
            prepare()
            with django_assert_num_queries(4):
                assert admin_client.get(url).status_code == 200


class EntityRedirectTests:
    def test_renaming_an_institutions_slug_in_the_admin_leaves_a_301(self, client):
        User.objects.create_superuser("root", "root@example.com", "pw")
        board = make_institution("Water Board", slug="water-board")
        client.force_login(User.objects.get(username="root"))
        url = reverse("admin:institutions_institution_change", args=[board.pk])
        data = dict(
            name="Water Board",
            slug="national-water-board",
            classification=board.classification,
            **{
                f"{prefix}-{key}": "0"
                for prefix in ("aliases", "posts")
                for key in ("TOTAL_FORMS", "INITIAL_FORMS")
            },
        )
        response = client.post(url, data)
        assert response.status_code == 302, response.context["adminform"].form.errors
        client.logout()
        old = client.get("/institutions/water-board/")
        assert old.status_code == 301
        assert old["Location"] == "/institutions/national-water-board/"
        assert EntityRedirect.objects.get().entity_id == board.pk
        assert client.get("/institutions/no-such-board/").status_code == 404
