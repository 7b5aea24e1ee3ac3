import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.linking.decisions import mention_decide
from articles.linking.relinking import relink_candidates
from articles.linking.services import link_article
from articles.models import Article, Mention
from institutions.models import Alias
from tests.admin_forms import article_form
from tests.factories import make_alias, make_article, make_institution, make_official

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return _registry()


def _registry():
    mazhilis = make_institution("Mazhilis", slug="mazhilis")
    make_alias(mazhilis, "Majilis")
    make_alias(mazhilis, "Мажилис", language="ru")
    koshanov = make_official("Yerlan Koshanov", slug="yerlan-koshanov")
    make_alias(koshanov, "Erlan Koshanov")
    make_alias(koshanov, "Koshanov", kind=Alias.Kind.SURNAME)
    nurbek = make_official("Sayasat Nurbek", slug="sayasat-nurbek")
    return {"mazhilis": mazhilis, "koshanov": koshanov, "nurbek": nurbek}


def linked(body, **fields):
    article = make_article(body=body, **fields)
    link_article(article)
    return article


def states(article):
    return {m.entity.slug: m.state for m in article.mentions.select_related("entity")}


class LinkArticleTests:
    def test_relinking_an_unchanged_article_writes_nothing(self, registry):
        article = Article.objects.get(pk=linked("Nurbek presented the project.").pk)
        with CaptureQueriesContext(connection) as queries:
            link_article(article)
        writes = [q["sql"] for q in queries if q["sql"].startswith(("INSERT", "UPDATE", "DELETE"))]
        assert writes == []

    def test_first_mention_links_and_later_ones_stay_plain(self, registry):
        article = linked("The Majilis met. Later the Mazhilis voted.")
        assert article.body_html.count('href="/institutions/mazhilis/"') == 1
        assert '<a href="/institutions/mazhilis/"' in article.body_html
        assert "Majilis</a>" in article.body_html

    def test_records_count_offset_text_and_sentence(self, registry):
        article = linked("Deputies met.\n\nErlan Koshanov spoke. Koshanov left.")
        mention = article.mentions.get(entity=registry["koshanov"])
        assert (mention.count, mention.matched_text) == (2, "Erlan Koshanov")
        assert mention.snippet == "Erlan Koshanov spoke."
        assert mention.state == Mention.State.AUTO

    def test_counts_title_and_dek_but_links_only_the_body(self, registry):
        article = linked("Nothing here.", title="Koshanov speaks", dek="The Majilis listens")
        assert states(article) == {"yerlan-koshanov": "auto", "mazhilis": "auto"}
        assert "<a" not in article.body_html

    def test_unregistered_surname_is_only_a_suggestion(self, registry):
        article = linked("Nurbek presented the project.")
        assert states(article) == {"sayasat-nurbek": "suggested"}
        assert "<a" not in article.body_html

    def test_nothing_links_inside_headings_or_existing_links(self, registry):
        article = linked("## The Mazhilis\n\n[Majilis site](https://example.kz/) opened.")
        assert 'href="/institutions/mazhilis/"' not in article.body_html

    def test_editor_script_never_reaches_the_page(self, registry):
        article = linked('The Mazhilis <script>alert(1)</script><img src=x onerror="alert(2)">')
        assert "<script" not in article.body_html
        assert "onerror" not in article.body_html


class EditorDecisionTests:
    def test_rejection_survives_relinking(self, registry):
        article = linked("Erlan Koshanov spoke to the Majilis.")
        mention = article.mentions.get(entity=registry["mazhilis"])
        mention_decide(mention=mention, state="rejected", by=None)
        call_command("relink_articles", stdout=None)
        article.refresh_from_db()
        assert states(article)["mazhilis"] == "rejected"
        assert "/institutions/mazhilis/" not in article.body_html
        assert "/officials/yerlan-koshanov/" in article.body_html

    def test_rejection_survives_the_mention_disappearing_and_returning(self, registry):
        article = linked("The Majilis met.")
        mention_decide(mention=article.mentions.get(), state="rejected", by=None)
        article.body = "Nothing to see."
        link_article(article)
        article.body = "The Majilis met again."
        link_article(article)
        assert states(article) == {"mazhilis": "rejected"}
        assert "<a" not in article.body_html

    def test_confirmed_suggestion_links(self, registry):
        article = linked("Nurbek presented the project.")
        mention_decide(mention=article.mentions.get(), state="confirmed", by=None)
        article.refresh_from_db()
        assert '<a href="/officials/sayasat-nurbek/"' in article.body_html


class RegistryChangeTests:
    def test_new_alias_relinks_an_existing_article(
        self, registry, django_capture_on_commit_callbacks
    ):
        article = linked("The Majilis and the Assembly met.")
        with django_capture_on_commit_callbacks(execute=True):
            assembly = make_institution("Assembly of People", slug="assembly")
            make_alias(assembly, "Assembly")
        article.refresh_from_db()
        assert '<a href="/institutions/assembly/"' in article.body_html
        assert states(article)["assembly"] == "auto"

    def test_deleted_alias_unlinks(self, registry, django_capture_on_commit_callbacks):
        article = linked("The Majilis met.")
        with django_capture_on_commit_callbacks(execute=True):
            Alias.objects.filter(name="Majilis").delete()
        article.refresh_from_db()
        assert "<a" not in article.body_html
        assert not article.mentions.exists()

    def test_deleted_entity_unlinks(self, registry, django_capture_on_commit_callbacks):
        article = linked("Erlan Koshanov spoke.")
        with django_capture_on_commit_callbacks(execute=True):
            registry["koshanov"].delete()
        article.refresh_from_db()
        assert "/officials/" not in article.body_html


class EntityPanelTests:
    def test_panel_lists_mentions_with_their_sentence(self, editor_client, registry):
        article = linked("Deputies met. Nurbek presented the project to the Majilis.")
        response = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))
        assert "Entities (confirm or reject what the linker found)" in response.text
        assert (
            "Nurbek presented the project to the <mark>Majilis</mark>." in response.text
            or "<mark>Nurbek</mark> presented the project to the Majilis." in response.text
        )
        assert "Suggested, awaiting an editor" in response.text

    def test_editor_rejects_a_link_and_confirms_a_suggestion(self, editor_client, registry):
        article = linked("Nurbek presented the project to the Majilis.")
        data = article_form(article)
        for index in range(int(data["mentions-TOTAL_FORMS"])):
            entity = data[f"mentions-{index}-entity"]
            decision = "rejected" if entity == str(registry["mazhilis"].pk) else "confirmed"
            data[f"mentions-{index}-state"] = decision
        response = editor_client.post(
            reverse("admin:articles_article_change", args=[article.pk]), data
        )
        assert response.status_code == 302
        article.refresh_from_db()
        assert states(article) == {"mazhilis": "rejected", "sayasat-nurbek": "confirmed"}
        assert "/institutions/mazhilis/" not in article.body_html
        assert '<a href="/officials/sayasat-nurbek/"' in article.body_html
        decided = article.mentions.get(entity=registry["nurbek"])
        assert decided.decided_by.username == "eda"

    def test_confirming_can_add_the_spelling_as_an_alias(self, editor_client, registry):
        article = linked("Nurbek presented the project.")
        data = article_form(article)
        data["mentions-0-state"] = "confirmed"
        data["mentions-0-add_alias"] = "on"
        editor_client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
        assert registry["nurbek"].aliases.filter(name="Nurbek").exists()

    def test_marks_what_the_article_is_about(self, editor_client, registry):
        article = linked("The Majilis met.")
        data = article_form(article)
        data["mentions-0-is_about"] = "on"
        editor_client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
        assert article.mentions.get().is_about

    def test_rows_cost_one_query_each_at_most(self, editor_client, registry):
        def queries_to_save(body):
            article = linked(body)
            data = article_form(article)
            url = reverse("admin:articles_article_change", args=[article.pk])
            with CaptureQueriesContext(connection) as queries:
                assert editor_client.post(url, data).status_code == 302
            return int(data["mentions-TOTAL_FORMS"]), len(queries)

        rows, count = queries_to_save("The Majilis met.")
        more_rows, more = queries_to_save("Nurbek met Erlan Koshanov at the Majilis.")

        assert more_rows == rows + 2
        # The model's own check that the row's entity exists; the rest is shared.
        assert more - count <= more_rows - rows

    def test_row_naming_an_unknown_entity_is_refused(self, editor_client, registry):
        article = linked("The Majilis met.")
        data = article_form(article)
        data["mentions-0-entity"] = "999999"
        response = editor_client.post(
            reverse("admin:articles_article_change", args=[article.pk]), data
        )
        assert response.status_code == 200
        assert "Select a valid choice" in response.text
        assert states(article) == {"mazhilis": "auto"}

    def test_new_draft_is_linked_on_first_save(self, editor_client, registry):
        response = editor_client.post(
            reverse("admin:articles_article_add"),
            article_form(
                Article(
                    title="A draft", slug="a-draft", body="Erlan Koshanov spoke.", status="draft"
                ),
                based_on_version="0",
            ),
        )
        assert response.status_code == 302
        article = Article.objects.get(slug="a-draft")
        assert '<a href="/officials/yerlan-koshanov/"' in article.body_html


class RelinkCandidateTests:
    def test_a_latin_spelling_finds_its_cyrillic_form(self, db):
        cyrillic = make_article(body="Президент Токаев подписал закон.")
        assert relink_candidates(spellings=["Tokayev"]) == [cyrillic.pk]

    def test_an_article_without_the_spelling_is_no_candidate(self, db):
        make_article(body="The Senate met on Tuesday; the Tokayevka farm did not.")
        assert relink_candidates(spellings=["Tokayev"]) == []

    def test_an_institution_name_is_not_searched_as_a_surname(self, registry):
        make_article(body="The workshop met; Nurbek spoke.")
        mazhilis = registry["mazhilis"]
        assert relink_candidates(entity_ids=[mazhilis.pk], spellings=["Sayasat Nurbek"]) == []
        nurbek = registry["nurbek"]
        assert len(relink_candidates(entity_ids=[nurbek.pk], spellings=["Sayasat Nurbek"])) == 1

    def test_the_articles_mentioning_a_changed_entity_are_candidates(self, registry):
        article = linked("The Majilis met.")
        make_article(body="Nothing about parliament.")
        assert relink_candidates(entity_ids=[registry["mazhilis"].pk]) == [article.pk]

    def test_a_title_or_dek_is_searched_too(self, db):
        in_title = make_article("Koshanov speaks", body="A speech.")
        in_dek = make_article("A speech", dek="By Koshanov", body="A speech.")
        assert relink_candidates(spellings=["Yerlan Koshanov"]) == sorted([in_title.pk, in_dek.pk])
