"""Review of names in the text and the suggestions inbox, in the article admin."""

import pytest
from django.urls import reverse

from articles.models import Occurrence
from institutions.models import Alias
from tests.factories import make_alias, make_article, make_official

pytestmark = pytest.mark.django_db

BODY = (
    "Askar Tokayev, a deputy from Almaty, asked about the budget.\n\n"
    "President Kassym Tokayev signed the law on Friday."
)


@pytest.fixture
def tokayev(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        official = make_official("Kassym-Jomart Tokayev", slug="kassym-jomart-tokayev")
        make_alias(official, "Kassym Tokayev")
        make_alias(official, "Tokayev", kind=Alias.Kind.SURNAME)
    return official


@pytest.fixture
def article(tokayev):
    return make_article("Budget questions", body=BODY)


def askar(article):
    return article.occurrences.get(state=Occurrence.State.SUGGESTED)


def assert_undecided(place):
    place.refresh_from_db()
    assert place.state == Occurrence.State.SUGGESTED


def decide_url(article, occurrence):
    return reverse("admin:articles_article_decide", args=[article.pk, occurrence.pk])


class NamesInTextTests:
    def test_the_change_page_marks_each_name_with_its_state_in_words(self, editor_client, article):
        page = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))
        html = page.content.decode()
        assert "Names in the text" in html
        assert f'id="occurrence-{askar(article).pk}"' in html
        assert "? suggested" in html
        assert "✓ linked" in html
        assert f'action="{decide_url(article, askar(article))}"' in html

    def test_confirm(self, editor_client, editor, article):
        place = askar(article)
        response = editor_client.post(decide_url(article, place), {"decision": "confirmed"})
        assert response.status_code == 302
        place.refresh_from_db()
        assert (place.state, place.decided_by) == (Occurrence.State.CONFIRMED, editor)

    def test_reject(self, editor_client, article):
        place = askar(article)
        editor_client.post(decide_url(article, place), {"decision": "rejected"})
        place.refresh_from_db()
        assert place.state == Occurrence.State.REJECTED

    def test_link_to_another_entity(self, editor_client, article):
        other = make_official("Sayasat Nurbek")
        place = askar(article)
        editor_client.post(
            decide_url(article, place), {"decision": "reassigned", "entity": other.pk}
        )
        place.refresh_from_db()
        assert (place.state, place.reassigned_to_id) == (Occurrence.State.REASSIGNED, other.pk)

    def test_link_without_an_entity_says_so_and_changes_nothing(self, editor_client, article):
        place = askar(article)
        response = editor_client.post(
            decide_url(article, place), {"decision": "reassigned", "entity": ""}, follow=True
        )
        assert "Choose the entity this name refers to." in response.content.decode()
        assert_undecided(place)

    def test_add_alias_teaches_the_spelling_and_confirms_the_place(
        self, editor_client, article, tokayev
    ):
        place = askar(article)
        editor_client.post(decide_url(article, place), {"decision": "alias"})
        place.refresh_from_db()
        assert place.state == Occurrence.State.CONFIRMED
        assert Alias.objects.filter(entity=tokayev, name=place.matched_text).exists()

    def test_an_unknown_choice_is_refused(self, editor_client, article):
        place = askar(article)
        response = editor_client.post(decide_url(article, place), {"decision": "auto"})
        assert response.status_code == 400
        assert "Not a choice" in response.content.decode()
        assert_undecided(place)

    def test_an_occurrence_of_another_article_is_not_found(self, editor_client, article):
        other = make_article("Another", body=BODY)
        place = askar(other)
        response = editor_client.post(decide_url(article, place), {"decision": "confirmed"})
        assert response.status_code == 404
        assert_undecided(place)

    def test_a_reporter_cannot_decide_on_a_published_article(self, reporter_client, article):
        place = askar(article)
        response = reporter_client.post(decide_url(article, place), {"decision": "confirmed"})
        assert response.status_code == 403
        assert_undecided(place)

    def test_a_reporter_sees_the_names_of_a_published_article_without_choices(
        self, reporter_client, article
    ):
        page = reporter_client.get(reverse("admin:articles_article_change", args=[article.pk]))
        html = page.content.decode()
        assert "? suggested" in html
        assert 'value="confirmed"' not in html

    def test_a_decision_returns_to_a_page_of_this_site_only(self, editor_client, article):
        place = askar(article)
        response = editor_client.post(
            decide_url(article, place), {"decision": "rejected", "next": "https://evil.example/"}
        )
        assert response["Location"].endswith("#names-in-text")


class SuggestionsInboxTests:
    url = reverse("admin:articles_article_suggestions")

    def test_lists_waiting_names_newest_articles_first(self, editor_client, article):
        newer = make_article("Newer budget questions", body=BODY)
        html = editor_client.get(self.url).content.decode()
        assert html.index("Newer budget questions") < html.index(">Budget questions<")
        assert "<mark>Askar Tokayev</mark>" not in html  # only the surname was found
        assert "Askar <mark>Tokayev</mark>" in html
        assert f'id="suggestion-{askar(newer).pk}"' in html

    def test_filters_by_entity(self, editor_client, article):
        other = make_official("Erlan Koshanov")
        make_article("Speaker news", body="Speaker Koshanov opened the session.")
        html = editor_client.get(self.url, {"entity": other.pk}).content.decode()
        assert "Budget questions" not in html

    def test_a_decision_returns_to_the_inbox_with_a_message(self, editor_client, article):
        place = askar(article)
        response = editor_client.post(
            decide_url(article, place), {"decision": "rejected", "next": self.url}, follow=True
        )
        html = response.content.decode()
        assert response.redirect_chain[-1][0] == self.url
        assert "rejected" in html.lower()
        assert "Nothing waits for a decision." in html


class SuggestionCountTests:
    def test_the_article_list_counts_suggestions_in_constant_queries(
        self, editor_client, article, django_assert_num_queries
    ):
        url = reverse("admin:articles_article_changelist")
        editor_client.get(url)
        with django_assert_num_queries(9) as first:
            editor_client.get(url)
        make_article("Second", body=BODY)
        with django_assert_num_queries(len(first.captured_queries)):
            page = editor_client.get(url)
        assert [a.suggestion_count for a in page.context["cl"].result_list] == [1, 1]

    def test_the_admin_index_shows_the_total_waiting(self, editor_client, article):
        make_article("Second", body=BODY)
        html = editor_client.get(reverse("admin:index")).content.decode()
        assert "Suggestions waiting: 2" in html
