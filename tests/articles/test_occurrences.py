import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import importing, services
from articles.linking.decisions import mention_decide, occurrence_decide
from articles.linking.services import link_article
from articles.models import Article, Mention, Occurrence
from institutions.models import Alias
from tests.factories import make_alias, make_article, make_institution, make_official
from tests.pages import jsonld_blocks

pytestmark = pytest.mark.django_db

ASKAR = "Askar Tokayev, a deputy from Almaty, asked about the budget."
PRESIDENT = "President Kassym Tokayev signed the law on Friday."
TOKAYEV_PAGE = "/officials/kassym-jomart-tokayev/"
NURBEK_PAGE = "/officials/sayasat-nurbek/"


@pytest.fixture
def registry(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        tokayev = make_official("Kassym-Jomart Tokayev", slug="kassym-jomart-tokayev")
        make_alias(tokayev, "Kassym Tokayev")
        make_alias(tokayev, "Tokayev", kind=Alias.Kind.SURNAME)
        nurbek = make_official("Sayasat Nurbek", slug="sayasat-nurbek")
        mazhilis = make_institution("Mazhilis", slug="mazhilis")
        make_alias(mazhilis, "Majilis")
        parliament = make_institution("Parliament", slug="parliament")
    return {"tokayev": tokayev, "nurbek": nurbek, "mazhilis": mazhilis, "parliament": parliament}


def linked(body, **fields):
    article = make_article(body=body, **fields)
    link_article(article)
    return article


def edited(article, body):
    article = Article.objects.get(pk=article.pk)
    article.body = body
    return services.article_save(article=article, by=None, note="Edited")


def places(article, entity):
    """(state, sentence) of each place naming ``entity``, in reading order."""
    found = Occurrence.objects.filter(article=article, entity=entity).order_by("field", "start")
    return [(o.state, o.sentence) for o in found]


def place(article, entity, sentence_start):
    return Occurrence.objects.get(
        article=article, entity=entity, sentence__startswith=sentence_start
    )


def linked_text(html, url):
    """The text of the link to ``url`` in ``html``."""
    start = html.index(">", html.index(f'href="{url}"')) + 1
    return html[start : html.index("</a>", start)]


def public_page(client, article):
    response = client.get(Article.objects.get(pk=article.pk).get_absolute_url())
    assert response.status_code == 200
    return response.text


class TwoTokayevsTests:
    """A surname with another given name early on, the President named in full later."""

    @pytest.fixture
    def article(self, registry):
        return linked(f"{ASKAR}\n\n{PRESIDENT}")

    def test_each_place_has_its_own_state(self, article, registry):
        assert places(article, registry["tokayev"]) == [
            ("suggested", ASKAR),
            ("auto", PRESIDENT),
        ]

    def test_the_presidents_place_links_and_askars_does_not(self, article):
        assert linked_text(article.body_html, TOKAYEV_PAGE) == "Kassym Tokayev"
        assert article.body_html.count("entity-link") == 1

    def test_the_entity_row_quotes_the_presidents_sentence(self, article, registry):
        mention = article.mentions.get(entity=registry["tokayev"])
        assert (mention.state, mention.snippet) == ("auto", PRESIDENT)

    def test_the_presidents_page_quotes_his_sentence(self, article, client):
        page = client.get(TOKAYEV_PAGE).text
        assert PRESIDENT in page
        assert ASKAR not in page

    def test_after_the_editors_decisions_still_only_the_president_links(
        self, article, registry, editor, client
    ):
        tokayev = registry["tokayev"]
        occurrence_decide(occurrence=place(article, tokayev, "Askar"), state="rejected", by=editor)
        occurrence_decide(
            occurrence=place(article, tokayev, "President"), state="confirmed", by=editor
        )
        html = public_page(client, article)
        assert linked_text(html, TOKAYEV_PAGE) == "Kassym Tokayev"
        assert html.count("entity-link") == 1
        assert places(article, tokayev) == [("rejected", ASKAR), ("confirmed", PRESIDENT)]
        page = client.get(TOKAYEV_PAGE).text
        assert PRESIDENT in page
        assert ASKAR not in page

    def test_confirming_the_row_in_the_panel_does_not_link_askar(self, article, registry, editor):
        mention = article.mentions.get(entity=registry["tokayev"])
        mention_decide(mention=mention, state="confirmed", by=editor)
        article.refresh_from_db()
        assert linked_text(article.body_html, TOKAYEV_PAGE) == "Kassym Tokayev"
        assert places(article, registry["tokayev"]) == [
            ("suggested", ASKAR),
            ("confirmed", PRESIDENT),
        ]


DECIDED_BODY = "Nurbek opened the session.\n\nThe Majilis met.\n\nMinister Nurbek later spoke."


class DecisionsPerPlaceTests:
    """One place of an entity rejected, another confirmed, in the same article."""

    @pytest.fixture
    def article(self, registry, editor):
        article = linked(DECIDED_BODY)
        nurbek = registry["nurbek"]
        occurrence_decide(occurrence=place(article, nurbek, "Nurbek"), state="rejected", by=editor)
        occurrence_decide(
            occurrence=place(article, nurbek, "Minister"), state="confirmed", by=editor
        )
        return article

    def assert_only_the_confirmed_place_links(self, client, article):
        body = Article.objects.get(pk=article.pk).body_html
        assert body.count(NURBEK_PAGE) == 1
        assert "<p>Nurbek opened the session.</p>" in body
        assert f'<p>Minister <a href="{NURBEK_PAGE}"' in body
        assert body in public_page(client, article)

    def test_the_public_page_links_only_the_confirmed_place(self, client, article):
        self.assert_only_the_confirmed_place_links(client, article)

    def test_the_decisions_survive_an_edit_elsewhere(self, client, article, registry):
        edited(article, "A new first paragraph.\n\n" + DECIDED_BODY.replace("met", "sat"))
        assert [state for state, _ in places(article, registry["nurbek"])] == [
            "rejected",
            "confirmed",
        ]
        self.assert_only_the_confirmed_place_links(client, article)

    def test_the_decisions_follow_their_sentences_when_they_move(self, article, registry):
        edited(
            article,
            "Minister Nurbek later spoke.\n\nThe Majilis met.\n\nNurbek opened the session.",
        )
        assert places(article, registry["nurbek"]) == [
            ("confirmed", "Minister Nurbek later spoke."),
            ("rejected", "Nurbek opened the session."),
        ]

    def test_a_decision_stays_when_its_sentence_changes_far_from_the_name(self, registry, editor):
        article = linked("Minister Nurbek later spoke about the budget for the coming year.")
        occurrence = Occurrence.objects.get(article=article)
        occurrence_decide(occurrence=occurrence, state="confirmed", by=editor)
        edited(article, "Minister Nurbek later spoke about the budget for the next two years.")
        occurrence.refresh_from_db()
        assert occurrence.state == "confirmed"
        assert occurrence.sentence.endswith("the next two years.")

    def test_a_decision_is_dropped_when_its_words_are_rewritten(self, article, registry):
        edited(article, DECIDED_BODY.replace("Nurbek opened the session", "Nurbek closed it"))
        assert [state for state, _ in places(article, registry["nurbek"])] == [
            "suggested",
            "confirmed",
        ]

    def test_the_decisions_survive_relink_articles(self, client, article):
        call_command("relink_articles", stdout=None)
        self.assert_only_the_confirmed_place_links(client, article)

    def test_the_decisions_survive_a_background_relink_after_an_alias_change(
        self, client, article, registry, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            # The surname becomes an exact name: the rejected place would link on its own.
            make_alias(registry["nurbek"], "Nurbek", kind=Alias.Kind.SURNAME)
        assert [o.exact for o in Occurrence.objects.filter(entity=registry["nurbek"])] == [
            True,
            True,
        ]
        self.assert_only_the_confirmed_place_links(client, article)


class ReimportTests:
    def test_decisions_survive_a_reimport_of_the_changed_source(self, registry, tmp_path, editor):
        path = tmp_path / "story.txt"
        source = f"Budget debate\n\nDeputies argued.\n\n{ASKAR}\n\n{PRESIDENT}\n"
        path.write_text(source)
        article = importing.import_article_file(path).article
        tokayev = registry["tokayev"]
        occurrence_decide(occurrence=place(article, tokayev, "Askar"), state="rejected", by=editor)
        path.write_text(source + "\nThe session closed late.\n")

        assert importing.import_article_file(path).action == importing.UPDATED

        assert places(article, tokayev) == [("rejected", ASKAR), ("auto", PRESIDENT)]
        assert "The session closed late." in Article.objects.get(pk=article.pk).body


class SummaryTests:
    def test_an_entity_only_ever_rejected_is_not_in_the_jsonld_mentions(
        self, client, registry, editor
    ):
        article = linked("The Majilis met. Kassym Tokayev spoke.")
        occurrence_decide(
            occurrence=place(article, registry["mazhilis"], "The"), state="rejected", by=editor
        )
        assert article.mentions.get(entity=registry["mazhilis"]).state == "rejected"
        (data,) = jsonld_blocks(client.get(article.get_absolute_url()))
        assert [m["name"] for m in data["mentions"]] == ["Kassym-Jomart Tokayev"]

    def test_a_reassigned_place_counts_for_its_new_entity(self, client, registry, editor):
        article = linked("The Majilis met.")
        occurrence_decide(
            occurrence=place(article, registry["mazhilis"], "The"),
            state="reassigned",
            entity=registry["parliament"],
            by=editor,
        )
        mentions = {m.entity.slug: (m.state, m.count) for m in article.mentions.all()}
        assert mentions == {"parliament": ("confirmed", 1)}
        assert linked_text(public_page(client, article), "/institutions/parliament/") == "Majilis"
        assert "The Majilis met." in client.get("/institutions/parliament/").text
        assert article.title not in client.get("/institutions/mazhilis/").text

    def test_the_entity_row_records_who_decided(self, registry, editor):
        article = linked("Nurbek opened the session.")
        occurrence_decide(
            occurrence=place(article, registry["nurbek"], "Nurbek"), state="confirmed", by=editor
        )
        mention = article.mentions.get()
        assert (mention.state, mention.decided_by) == ("confirmed", editor)


class OccurrenceDecideTests:
    @pytest.fixture
    def occurrence(self, registry):
        article = linked("Nurbek opened the session.")
        return Occurrence.objects.get(article=article)

    def test_records_who_decided_and_when(self, occurrence, editor):
        occurrence_decide(occurrence=occurrence, state="confirmed", by=editor)
        occurrence.refresh_from_db()
        assert occurrence.decided_by == editor
        assert occurrence.decided_at is not None

    def test_keeps_the_place_a_save_moved_it_to_meanwhile(self, occurrence, editor):
        edited(occurrence.article, "Yesterday.\n\nNurbek opened the session.")
        occurrence_decide(occurrence=occurrence, state="confirmed", by=editor)
        moved = Occurrence.objects.get(pk=occurrence.pk)
        assert (moved.state, moved.start) == ("confirmed", len("Yesterday.\n\n"))

    def test_relinks_the_article(self, occurrence, editor):
        occurrence_decide(occurrence=occurrence, state="confirmed", by=editor)
        assert NURBEK_PAGE in Article.objects.get(pk=occurrence.article_id).body_html

    @pytest.mark.parametrize("state", ["auto", "suggested", "maybe"])
    def test_refuses_what_is_not_an_editors_decision(self, occurrence, editor, state):
        with pytest.raises(ValidationError):
            occurrence_decide(occurrence=occurrence, state=state, by=editor)

    def test_reassigning_needs_another_entity(self, occurrence, editor, registry):
        with pytest.raises(ValidationError):
            occurrence_decide(occurrence=occurrence, state="reassigned", by=editor)
        with pytest.raises(ValidationError):
            occurrence_decide(
                occurrence=occurrence, state="reassigned", entity=registry["nurbek"], by=editor
            )

    def test_only_reassigning_names_an_entity(self, occurrence, editor, registry):
        with pytest.raises(ValidationError):
            occurrence_decide(
                occurrence=occurrence, state="confirmed", entity=registry["parliament"], by=editor
            )


class EntityPanelDecisionTests:
    def test_rejecting_a_row_rejects_every_place_of_it(self, registry, editor):
        article = linked("The Majilis met. Later the Majilis voted.")
        mention_decide(mention=article.mentions.get(), state="rejected", by=editor)
        assert [state for state, _ in places(article, registry["mazhilis"])] == [
            "rejected",
            "rejected",
        ]
        assert "entity-link" not in Article.objects.get(pk=article.pk).body_html

    def test_refuses_an_unknown_state(self, registry, editor):
        article = linked("The Majilis met.")
        with pytest.raises(ValidationError):
            mention_decide(mention=article.mentions.get(), state="maybe", by=editor)

    def test_a_row_rejected_stays_rejected_when_the_text_names_it_again(self, registry, editor):
        article = linked("The Majilis met.")
        mention_decide(mention=article.mentions.get(), state="rejected", by=editor)
        edited(article, "The Majilis met.\n\nThe Majilis thanked the college.")
        assert article.mentions.get().state == "rejected"
        assert [state for state, _ in places(article, registry["mazhilis"])] == [
            "rejected",
            "rejected",
        ]
        assert "entity-link" not in Article.objects.get(pk=article.pk).body_html

    def test_a_rejected_place_rewritten_is_asked_again(self, registry, editor):
        article = linked("Nurbek opened the session.")
        mention_decide(mention=article.mentions.get(), state="rejected", by=editor)
        edited(article, "Later Nurbek closed it.")
        assert places(article, registry["nurbek"]) == [("suggested", "Later Nurbek closed it.")]

    def test_confirming_a_row_confirms_its_suggestions_when_none_links(self, registry, editor):
        article = linked("Nurbek opened the session. Nurbek closed it.")
        mention_decide(mention=article.mentions.get(), state="confirmed", by=editor)
        assert [state for state, _ in places(article, registry["nurbek"])] == [
            "confirmed",
            "confirmed",
        ]

    def test_choosing_the_linkers_state_undoes_the_decisions(self, registry, editor):
        article = linked("Nurbek opened the session.")
        mention_decide(mention=article.mentions.get(), state="rejected", by=editor)
        mention_decide(mention=article.mentions.get(), state="suggested", by=editor)
        assert places(article, registry["nurbek"]) == [("suggested", "Nurbek opened the session.")]

    def test_the_panel_applies_a_row_to_its_places(self, editor_client, registry):
        article = linked(f"{ASKAR}\n\n{PRESIDENT}")
        mention = article.mentions.get()
        data = {
            "title": article.title,
            "slug": article.slug,
            "body": article.body,
            "status": article.status,
            "language": article.language,
            "kind": article.kind,
            "published_at_0": article.published_at.strftime("%Y-%m-%d"),
            "published_at_1": article.published_at.strftime("%H:%M:%S"),
            "based_on_version": str(article.version),
            "mentions-TOTAL_FORMS": "1",
            "mentions-INITIAL_FORMS": "1",
            "mentions-0-id": str(mention.pk),
            "mentions-0-article": str(article.pk),
            "mentions-0-entity": str(mention.entity_id),
            "mentions-0-state": "rejected",
        }
        url = reverse("admin:articles_article_change", args=[article.pk])
        assert editor_client.post(url, data).status_code == 302
        assert [state for state, _ in places(article, registry["tokayev"])] == [
            "rejected",
            "rejected",
        ]
        assert "entity-link" not in Article.objects.get(pk=article.pk).body_html


class DecisionsFromBeforePlacesTests:
    """Mentions decided per entity before places were recorded keep their decisions."""

    def as_before_places(self, article, state):
        Occurrence.objects.filter(article=article).delete()
        article.mentions.update(state=state)

    def test_a_rejected_entity_stays_rejected_on_the_first_relink(self, registry):
        article = linked("The Majilis met. Later the Majilis voted.")
        self.as_before_places(article, Mention.State.REJECTED)
        call_command("relink_articles", stdout=None)
        assert [state for state, _ in places(article, registry["mazhilis"])] == [
            "rejected",
            "rejected",
        ]
        assert "entity-link" not in Article.objects.get(pk=article.pk).body_html

    def test_a_confirmed_entity_links_on_the_first_relink(self, registry):
        article = linked("Nurbek opened the session.")
        self.as_before_places(article, Mention.State.CONFIRMED)
        call_command("relink_articles", stdout=None)
        assert places(article, registry["nurbek"]) == [("confirmed", "Nurbek opened the session.")]
        assert NURBEK_PAGE in Article.objects.get(pk=article.pk).body_html

    def test_a_confirmed_entity_confirms_the_place_that_links_not_a_namesake(self, registry):
        article = linked(f"{ASKAR}\n\n{PRESIDENT}")
        self.as_before_places(article, Mention.State.CONFIRMED)
        call_command("relink_articles", stdout=None)
        assert places(article, registry["tokayev"]) == [
            ("suggested", ASKAR),
            ("confirmed", PRESIDENT),
        ]
        body = Article.objects.get(pk=article.pk).body_html
        assert linked_text(body, TOKAYEV_PAGE) == "Kassym Tokayev"

    def test_the_carried_decision_applies_once(self, registry, editor):
        article = linked("Nurbek opened the session.")
        self.as_before_places(article, Mention.State.CONFIRMED)
        link_article(Article.objects.get(pk=article.pk))
        occurrence_decide(
            occurrence=place(article, registry["nurbek"], "Nurbek"), state="rejected", by=editor
        )
        call_command("relink_articles", stdout=None)
        assert places(article, registry["nurbek"]) == [("rejected", "Nurbek opened the session.")]


class LinkQueryTests:
    def queries_to_relink_after_an_edit_at_the_start(self, body):
        article = linked(body)
        article.body = "A new first paragraph.\n\n" + body
        with CaptureQueriesContext(connection) as queries:
            link_article(article)
        return len(queries)

    def test_the_queries_do_not_grow_with_the_places(self, registry):
        few = self.queries_to_relink_after_an_edit_at_the_start("Nurbek spoke.")
        many = self.queries_to_relink_after_an_edit_at_the_start(
            "\n\n".join(f"Nurbek spoke to the Majilis on day {day}." for day in range(30))
        )
        assert many == few


class OccurrenceQuerySetTests:
    def test_suggested_lists_the_newest_articles_first_in_reading_order(
        self, registry, django_assert_num_queries
    ):
        older = linked("Nurbek opened the session. Nurbek closed it.")
        newer = linked("The Majilis met. Nurbek spoke.")
        with django_assert_num_queries(1):
            found = [(o.article, o.entity.name, o.start) for o in Occurrence.objects.suggested()]
        assert found == [
            (newer, "Sayasat Nurbek", 17),
            (older, "Sayasat Nurbek", 0),
            (older, "Sayasat Nurbek", 27),
        ]

    def test_naming_counts_a_place_for_the_entity_an_editor_linked_it_to(self, registry, editor):
        article = linked("The Majilis met. The Majilis voted.")
        first = place(article, registry["mazhilis"], "The Majilis met")
        occurrence_decide(
            occurrence=first, state="reassigned", entity=registry["parliament"], by=editor
        )
        assert list(Occurrence.objects.naming(registry["parliament"].pk)) == [first]
        assert Occurrence.objects.naming(registry["mazhilis"].pk).count() == 1


class TitleAndDekTests:
    def test_title_and_dek_places_are_recorded_but_never_linked(self, registry):
        article = linked("Nothing here.", title="Nurbek speaks", dek="The Majilis listens")
        found = Occurrence.objects.filter(article=article).values_list("field", "state")
        assert sorted(found) == [("dek", "auto"), ("title", "suggested")]
        assert "<a" not in article.body_html

    def test_the_row_quotes_the_body_rather_than_the_title(self, registry):
        article = linked("Later the Majilis voted.", title="Majilis in session")
        mention = article.mentions.get()
        assert (mention.snippet, mention.first_offset) == ("Later the Majilis voted.", 10)


class OccurrenceModelTests:
    def test_str_names_the_text_the_field_and_the_article(self, registry):
        linked("Nurbek opened the session.", title="Session opens")
        assert str(Occurrence.objects.get()) == "Nurbek (body) in Session opens"
