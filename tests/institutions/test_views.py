import datetime as dt

import pytest
from django.utils import timezone

from articles.models import Article, Mention
from tests.factories import (
    make_appointment,
    make_article,
    make_institution,
    make_mention,
    make_official,
    make_post,
)
from tests.pages import jsonld

pytestmark = pytest.mark.django_db


def published_on(year, month, day):
    return timezone.make_aware(dt.datetime(year, month, day, 12))


class InstitutionDetailViewTests:
    @pytest.fixture
    def mazhilis(self):
        return make_institution(
            "Mazhilis",
            classification="chamber",
            summary="The lower house.",
            country="Kazakhstan",
            wikidata_id="Q1342568",
        )

    def test_renders_without_articles(self, client, mazhilis):
        response = client.get("/institutions/mazhilis/")
        content = response.content.decode()
        assert response.status_code == 200
        assert "<h1>Mazhilis</h1>" in content
        assert "The lower house." in content
        assert "No published article mentions Mazhilis yet." in content

    def test_unknown_slug_is_not_found(self, client):
        assert client.get("/institutions/nobody/").status_code == 404

    def test_an_official_is_not_found_under_institutions(self, client):
        make_official("Yerlan Koshanov")
        assert client.get("/institutions/yerlan-koshanov/").status_code == 404

    def test_lists_published_articles_newest_first_with_their_snippet(self, client, mazhilis):
        older = make_article("Older", published_at=published_on(2023, 1, 1))
        newer = make_article("Newer", published_at=published_on(2024, 1, 1))
        make_mention(older, mazhilis, snippet="The Mazhilis met.")
        make_mention(newer, mazhilis, state=Mention.State.CONFIRMED, snippet="The Mazhilis voted.")
        response = client.get("/institutions/mazhilis/")
        assert [a.title for a in response.context["object_list"]] == ["Newer", "Older"]
        assert "The Mazhilis voted." in response.content.decode()

    def test_leaves_out_unpublished_articles_and_unpublic_mentions(self, client, mazhilis):
        for status in (Article.Status.DRAFT, Article.Status.REVIEW):
            make_mention(make_article(f"Secret {status}", status=status), mazhilis)
        for state in (Mention.State.SUGGESTED, Mention.State.REJECTED):
            make_mention(make_article(f"Not linked {state}"), mazhilis, state=state)
        content = client.get("/institutions/mazhilis/").content.decode()
        assert "Secret" not in content
        assert "Not linked" not in content

    def test_shows_first_and_last_mention_dates(self, client, mazhilis):
        make_mention(make_article(published_at=published_on(2022, 3, 4)), mazhilis)
        make_mention(make_article(published_at=published_on(2024, 5, 6)), mazhilis)
        content = client.get("/institutions/mazhilis/").content.decode()
        assert "4 March 2022" in content
        assert "6 May 2024" in content

    def test_shows_parent_children_and_people_in_posts(self, client, mazhilis):
        parliament = make_institution("Parliament")
        mazhilis.parent = parliament
        mazhilis.save()
        make_institution("Committee on Education", parent=mazhilis)
        speaker = make_post(mazhilis, "Speaker")
        make_appointment(make_official("Current Speaker"), speaker, start_date=dt.date(2022, 2, 1))
        make_appointment(
            make_official("Former Speaker"),
            speaker,
            start_date=dt.date(2016, 3, 1),
            end_date=dt.date(2022, 2, 1),
        )
        content = client.get("/institutions/mazhilis/").content.decode()
        assert 'href="/institutions/parliament/"' in content
        assert "Committee on Education" in content
        assert "Current Speaker" in content
        assert "Former Speaker" in content

    def test_often_mentioned_with_ranks_by_shared_articles(self, client, mazhilis):
        frequent, rare = make_official("Frequent"), make_official("Rare")
        for _ in range(2):
            article = make_article()
            make_mention(article, mazhilis)
            make_mention(article, frequent)
        article = make_article()
        make_mention(article, mazhilis)
        make_mention(article, rare)
        make_mention(article, make_official("Rejected"), state=Mention.State.REJECTED)
        draft = make_article(status=Article.Status.DRAFT)
        make_mention(draft, mazhilis)
        make_mention(draft, make_official("Draft only"))
        often = client.get("/institutions/mazhilis/").context["often_with"]
        assert [(e.name, e.shared_count) for e in often] == [("Frequent", 2), ("Rare", 1)]

    def test_links_its_feeds_in_head_and_page(self, client, mazhilis):
        content = client.get("/institutions/mazhilis/").content.decode()
        head = content.split("</head>")[0]
        assert (
            '<link rel="alternate" type="application/rss+xml" title="Mazhilis: articles (RSS)" '
            'href="/institutions/mazhilis/feed/">'
        ) in head
        assert 'href="/institutions/mazhilis/feed/atom/"' in head
        assert '<a href="/institutions/mazhilis/feed/">RSS</a>' in content

    def test_jsonld_describes_a_government_organisation(self, client, mazhilis, settings):
        settings.NEWSROOM_SITE_URL = "https://news.example"
        data = jsonld(client.get("/institutions/mazhilis/"))
        assert data["@type"] == "GovernmentOrganization"
        assert data["name"] == "Mazhilis"
        assert data["url"] == "https://news.example/institutions/mazhilis/"
        assert data["sameAs"] == "https://www.wikidata.org/wiki/Q1342568"

    @pytest.mark.parametrize(
        ("classification", "schema_type"),
        [("university", "CollegeOrUniversity"), ("workshop", "Organization")],
    )
    def test_jsonld_type_follows_the_classification(self, client, classification, schema_type):
        make_institution("Somewhere", classification=classification)
        data = jsonld(client.get("/institutions/somewhere/"))
        assert data["@type"] == schema_type
        assert "sameAs" not in data

    @pytest.mark.parametrize("page", ["abc", "2", "99999"])
    def test_bad_page_number_is_not_found(self, client, mazhilis, page):
        make_mention(make_article(), mazhilis)
        assert client.get(f"/institutions/mazhilis/?page={page}").status_code == 404

    def test_last_page_lists_the_oldest_mentioning_articles(self, client, mazhilis):
        for day in range(1, 26):
            article = make_article(f"Day {day}", published_at=published_on(2024, 1, day))
            make_mention(article, mazhilis)
        make_article("Names nobody", published_at=published_on(2023, 1, 1))
        response = client.get("/institutions/mazhilis/?page=2")
        titles = [a.title for a in response.context["object_list"]]
        assert titles == [f"Day {day}" for day in range(5, 0, -1)]

    def test_query_count_does_not_grow(self, mazhilis, assert_constant_queries):
        def add_rows():
            child = make_institution(parent=mazhilis)
            official = make_official()
            make_appointment(official, make_post(mazhilis, f"Post {official.pk}"))
            for _ in range(3):
                article = make_article()
                make_mention(article, mazhilis, snippet="Named.")
                make_mention(article, official)
                make_mention(article, child)

        add_rows()
        assert_constant_queries("/institutions/mazhilis/", 9, lambda: [add_rows(), add_rows()])


class OfficialDetailViewTests:
    @pytest.fixture
    def koshanov(self):
        return make_official("Yerlan Koshanov", summary="Speaker of the Mazhilis.")

    def test_renders_without_articles(self, client, koshanov):
        content = client.get("/officials/yerlan-koshanov/").content.decode()
        assert "<h1>Yerlan Koshanov</h1>" in content
        assert "Speaker of the Mazhilis." in content

    def test_unknown_slug_is_not_found(self, client):
        assert client.get("/officials/nobody/").status_code == 404

    def test_timeline_shows_current_and_former_posts_with_dates(self, client, koshanov):
        mazhilis = make_institution("Mazhilis")
        make_appointment(koshanov, make_post(mazhilis, "Speaker"), start_date=dt.date(2022, 2, 1))
        make_appointment(
            koshanov,
            make_post(mazhilis, "Deputy"),
            start_date=dt.date(2016, 3, 1),
            end_date=dt.date(2022, 1, 31),
        )
        content = client.get("/officials/yerlan-koshanov/").content.decode()
        assert content.index("Speaker, <a") < content.index("Deputy, <a")
        assert '<time datetime="2022-02-01">Feb 2022</time> \u2013 present' in content
        assert '<time datetime="2022-01-31">Jan 2022</time>' in content
        assert "Current" in content and "Former" in content

    def test_lists_only_published_articles(self, client, koshanov):
        make_mention(make_article("Public story"), koshanov)
        make_mention(make_article("Secret", status=Article.Status.DRAFT), koshanov)
        content = client.get("/officials/yerlan-koshanov/").content.decode()
        assert "Public story" in content
        assert "Secret" not in content

    def test_jsonld_describes_a_person(self, client, koshanov):
        data = jsonld(client.get("/officials/yerlan-koshanov/"))
        assert data["@type"] == "Person"
        assert data["name"] == "Yerlan Koshanov"
        assert data["url"].endswith("/officials/yerlan-koshanov/")

    def test_query_count_does_not_grow(self, koshanov, assert_constant_queries):
        def add_rows():
            institution = make_institution()
            make_appointment(koshanov, make_post(institution))
            for _ in range(3):
                article = make_article()
                make_mention(article, koshanov, snippet="Named.")
                make_mention(article, institution)

        add_rows()
        assert_constant_queries("/officials/yerlan-koshanov/", 7, lambda: [add_rows(), add_rows()])


class InstitutionListViewTests:
    def test_renders_with_an_empty_database(self, client):
        response = client.get("/institutions/")
        assert response.status_code == 200
        assert "No institution matches." in response.content.decode()

    def test_shows_published_article_counts(self, client):
        mazhilis = make_institution("Mazhilis")
        make_mention(make_article(), mazhilis)
        make_mention(make_article(status=Article.Status.DRAFT), mazhilis)
        make_mention(make_article(), mazhilis, state=Mention.State.REJECTED)
        assert "1 article<" in client.get("/institutions/").content.decode()

    def test_filters_by_classification_country_and_name(self, client):
        make_institution("Mazhilis", classification="chamber", country="Kazakhstan")
        make_institution("Senate", classification="chamber", country="Kazakhstan")
        make_institution("NPC", classification="parliament", country="China")
        response = client.get("/institutions/?classification=chamber&country=Kazakhstan&q=maz")
        assert [i.name for i in response.context["object_list"]] == ["Mazhilis"]

    def test_name_filter_finds_aliases(self, client):
        from tests.factories import make_alias

        make_alias(make_institution("Mazhilis"), "Majilis")
        response = client.get("/institutions/?q=majilis")
        assert [i.name for i in response.context["object_list"]] == ["Mazhilis"]

    def test_bad_filter_value_shows_a_form_error(self, client):
        response = client.get("/institutions/?classification=castle&country=Atlantis")
        assert response.status_code == 200
        assert set(response.context["filter"].form.errors) == {"classification", "country"}

    def test_query_count_does_not_grow(self, assert_constant_queries):
        def add_rows(country):
            for _ in range(5):
                make_mention(make_article(), make_institution(country=country))

        add_rows("Kazakhstan")
        assert_constant_queries("/institutions/", 3, lambda: add_rows("China"))


class OfficialListViewTests:
    def test_renders_with_an_empty_database(self, client):
        assert client.get("/officials/").status_code == 200

    def test_shows_the_current_role(self, client):
        official = make_official("Yerlan Koshanov")
        mazhilis = make_institution("Mazhilis")
        make_appointment(official, make_post(mazhilis, "Speaker"), start_date=dt.date(2022, 2, 1))
        make_appointment(official, make_post(mazhilis, "Deputy"), end_date=dt.date(2020, 1, 1))
        content = client.get("/officials/").content.decode()
        assert "Speaker, Mazhilis" in content
        assert "Deputy" not in content

    def test_filters_by_name(self, client):
        make_official("Yerlan Koshanov")
        make_official("Sayasat Nurbek")
        response = client.get("/officials/?q=nurbek")
        assert [o.name for o in response.context["object_list"]] == ["Sayasat Nurbek"]

    def test_query_count_does_not_grow(self, assert_constant_queries):
        def add_official():
            official = make_official()
            make_appointment(official, make_post(make_institution()))
            make_mention(make_article(), official)

        add_official()
        assert_constant_queries("/officials/", 3, lambda: [add_official() for _ in range(10)])


class LocalizedNameTests:
    @pytest.fixture
    def mazhilis(self):
        return make_institution(
            "Mazhilis",
            slug="mazhilis",
            summary="The lower chamber.",
            name_ru="Мажилис",
            summary_ru="Нижняя палата.",
        )

    def test_the_page_in_russian_shows_the_russian_name_and_summary(self, client, mazhilis):
        response = client.get("/ru/institutions/mazhilis/")
        assert "<h1>Мажилис</h1>" in response.text
        assert "Нижняя палата." in response.text

    def test_the_page_in_kazakh_falls_back_to_the_canonical_name(self, client, mazhilis):
        response = client.get("/kk/institutions/mazhilis/")
        assert "<h1>Mazhilis</h1>" in response.text
        assert "The lower chamber." in response.text

    def test_chips_and_cards_name_the_entity_in_the_pages_language(self, client, mazhilis):
        make_mention(make_article("Vote"), mazhilis)
        assert ">Мажилис</a>" in client.get("/ru/articles/vote/").text
        assert ">Мажилис</a>" in client.get("/ru/institutions/").text
        assert ">Mazhilis</a>" in client.get("/articles/vote/").text
