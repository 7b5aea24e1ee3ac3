import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, Mention
from articles.services import article_save
from tests.factories import (
    decide,
    earlier_this_month,
    make_alias,
    make_appointment,
    make_article,
    make_institution,
    make_mention,
    make_official,
    make_post,
)
from tests.pages import jsonld_blocks

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.now() - dt.timedelta(days=days)


def add_articles(count, entity=None):
    for _ in range(count):
        article = make_article(dek="More news.")
        if entity is not None:
            make_mention(article, entity, snippet="Named here.")


class HomeViewTests:
    def test_renders_with_an_empty_database(self, client):
        response = client.get("/")
        assert response.status_code == 200
        assert "No articles yet" in response.content.decode()

    def test_lead_is_the_newest_article_and_latest_follow(self, client):
        make_article("Older story", published_at=days_ago(3))
        make_article("Newest story", published_at=days_ago(1))
        response = client.get("/")
        assert response.context["lead"].title == "Newest story"
        assert [a.title for a in response.context["latest"]] == ["Older story"]

    def test_lead_without_image_is_typographic(self, client):
        make_article("Words only")
        assert 'class="lead lead--text"' in client.get("/").content.decode()

    def test_drafts_and_reviews_stay_off_the_front_page(self, client):
        make_article("Secret draft", status=Article.Status.DRAFT)
        make_article("Secret review", status=Article.Status.REVIEW)
        make_article("Scheduled", published_at=timezone.now() + dt.timedelta(days=1))
        content = client.get("/").content.decode()
        assert "Secret" not in content
        assert "Scheduled" not in content

    def test_most_mentioned_this_month_ranks_by_articles(self, client):
        busy, quiet = make_institution("Busy"), make_institution("Quiet")
        for _ in range(2):
            make_mention(make_article(), busy)
        make_mention(make_article(), quiet)
        response = client.get("/")
        institutions, this_month = response.context["top_institutions"]
        assert [e.name for e in institutions] == ["Busy", "Quiet"]
        assert this_month
        assert "Institutions this month" in response.content.decode()

    def test_most_mentioned_falls_back_to_all_time_when_the_month_is_empty(self, client):
        old = make_official("Old hand")
        make_mention(make_article(published_at=days_ago(400)), old)
        make_mention(make_article(published_at=earlier_this_month()), make_institution("Recent"))
        response = client.get("/")
        officials, this_month = response.context["top_officials"]
        assert [e.name for e in officials] == ["Old hand"]
        assert not this_month
        assert "Officials of all time" in response.content.decode()
        assert "Institutions this month" in response.content.decode()

    def test_this_month_leaves_out_those_named_only_earlier(self, client):
        make_mention(make_article(published_at=days_ago(400)), make_official("Old hand"))
        make_mention(make_article(published_at=earlier_this_month()), make_official("New face"))
        officials, _ = client.get("/").context["top_officials"]
        assert [e.name for e in officials] == ["New face"]

    def test_rejected_mentions_do_not_count(self, client):
        make_mention(make_article(), make_institution("Rejected"), state=Mention.State.REJECTED)
        assert client.get("/").context["top_institutions"] == ([], False)

    def test_query_count_does_not_grow_with_articles(self, assert_constant_queries):
        add_articles(3, make_institution("Mazhilis"))
        add_articles(3, make_official("Speaker"))
        assert_constant_queries("/", 4, lambda: add_articles(10, make_official()))

    def test_query_count_with_nobody_named_this_month_does_not_grow(self, assert_constant_queries):
        # Each ranking asks once more, for all time, when its month is empty.
        def add_old_articles():
            for _ in range(5):
                article = make_article(published_at=days_ago(400))
                make_mention(article, make_institution())
                make_mention(article, make_official())

        add_old_articles()
        assert_constant_queries("/", 6, add_old_articles)


class ArticleListViewTests:
    def test_renders_with_an_empty_database(self, client):
        response = client.get("/articles/")
        assert response.status_code == 200
        assert "No articles match" in response.content.decode()

    def test_lists_only_published_articles(self, client):
        make_article("Public story")
        make_article("Secret draft", status=Article.Status.DRAFT)
        make_article("Secret review", status=Article.Status.REVIEW)
        content = client.get("/articles/").content.decode()
        assert "Public story" in content
        assert "Secret" not in content

    def test_filters_by_entity_slug(self, client):
        mazhilis = make_institution("Mazhilis")
        make_mention(make_article("About the chamber"), mazhilis)
        make_article("About something else")
        titles = [a.title for a in client.get("/articles/?entity=mazhilis").context["object_list"]]
        assert titles == ["About the chamber"]

    def test_entity_menu_lists_every_entity_with_the_chosen_one_selected(self, client):
        make_institution("Mazhilis")
        make_institution('Audit "Chamber" <Office>', slug="audit-chamber")
        content = client.get("/articles/?entity=mazhilis").content.decode()
        assert '<select id="id_entity" name="entity">' in content
        assert '<option value="mazhilis" selected>Mazhilis</option>' in content
        assert (
            '<option value="audit-chamber">Audit &quot;Chamber&quot; &lt;Office&gt;</option>'
            in content
        )

    def test_entity_menu_is_kept_until_an_entity_changes(
        self, client, settings, django_capture_on_commit_callbacks
    ):
        settings.NEWSROOM_PAGE_CACHE = False  # each list rendered, its menu kept or not
        with django_capture_on_commit_callbacks(execute=True):
            make_institution("Mazhilis")
            make_institution("Senate")

        def menu(url):
            with CaptureQueriesContext(connection) as queries:
                content = client.get(url).content.decode()
            select = re.search(r"<select id=\"id_entity\".*?</select>", content, re.S)[0]
            return re.findall(r'<option value="([^"]*)"( selected)?>', select), len(queries)

        options, made = menu("/articles/?entity=mazhilis")
        assert options == [("", ""), ("mazhilis", " selected"), ("senate", "")]
        options, kept = menu("/articles/?entity=senate")
        assert options == [("", ""), ("mazhilis", ""), ("senate", " selected")]
        assert kept == made - 1  # the entities are not read again
        assert menu("/articles/")[0] == [("", " selected"), ("mazhilis", ""), ("senate", "")]
        with django_capture_on_commit_callbacks(execute=True):
            make_institution("Akimat")
        options, read_again = menu("/articles/?entity=akimat")
        assert options == [("", ""), ("akimat", " selected"), ("mazhilis", ""), ("senate", "")]
        assert read_again == made

    def test_entity_filter_ignores_rejected_mentions(self, client):
        mazhilis = make_institution("Mazhilis")
        make_mention(make_article("Wrongly matched"), mazhilis, state=Mention.State.REJECTED)
        assert list(client.get("/articles/?entity=mazhilis").context["object_list"]) == []

    def test_entity_filter_never_shows_drafts(self, client):
        mazhilis = make_institution("Mazhilis")
        make_mention(make_article("Secret", status=Article.Status.DRAFT), mazhilis)
        assert "Secret" not in client.get("/articles/?entity=mazhilis").content.decode()

    def test_filters_by_entity_kind(self, client):
        make_mention(make_article("Names a person"), make_official())
        make_mention(make_article("Names a body"), make_institution())
        titles = [a.title for a in client.get("/articles/?kind=official").context["object_list"]]
        assert titles == ["Names a person"]

    def test_filters_by_date_range(self, client):
        make_article("Too old", published_at=timezone.make_aware(dt.datetime(2024, 1, 5, 12)))
        make_article("In range", published_at=timezone.make_aware(dt.datetime(2024, 2, 5, 12)))
        make_article("Too new", published_at=timezone.make_aware(dt.datetime(2024, 3, 5, 12)))
        response = client.get("/articles/?date_from=2024-02-01&date_to=2024-02-28")
        assert [a.title for a in response.context["object_list"]] == ["In range"]

    def test_filters_by_text(self, client):
        make_article("Lu Ban workshop opens")
        make_article("Budget debate", dek="Nothing about workshops here? Yes, a workshop.")
        make_article("Weather")
        titles = {a.title for a in client.get("/articles/?q=workshop").context["object_list"]}
        assert titles == {"Lu Ban workshop opens", "Budget debate"}

    def test_filters_combine(self, client):
        # Registered first, so the titles below name them to the linker.
        make_institution("Mazhilis")
        make_official("Speaker")
        make_article("Speaker in the Mazhilis", published_at=days_ago(1))
        make_article("Mazhilis alone", published_at=days_ago(1))
        make_article("Mazhilis, long ago", published_at=days_ago(90))
        since = timezone.localdate(days_ago(10)).isoformat()
        response = client.get(f"/articles/?entity=mazhilis&kind=official&date_from={since}")
        assert [a.title for a in response.context["object_list"]] == ["Speaker in the Mazhilis"]

    def test_filters_are_kept_in_pagination_links(self, client):
        mazhilis = make_institution("Mazhilis")
        add_articles(25, mazhilis)
        content = client.get("/articles/?entity=mazhilis").content.decode()
        assert 'href="?entity=mazhilis&amp;page=2"' in content

    @pytest.mark.parametrize(
        "query", ["entity=nobody", "kind=alien", "date_from=yesterday", "date_to=2024-13-45"]
    )
    def test_bad_filter_value_shows_a_form_error(self, client, query):
        make_article("Public story")
        response = client.get(f"/articles/?{query}")
        assert response.status_code == 200
        assert response.context["filter"].form.errors
        assert 'class="field__error"' in response.content.decode()

    def test_malformed_query_strings_do_not_fail(self, client):
        for query in ["q=" + "x" * 5000, "entity=%ff%fe", "page=1&page=2", "%%%"]:
            assert client.get(f"/articles/?{query}").status_code in (200, 404)
        response = client.get("/articles/?q=%00")
        assert response.status_code == 400
        assert "Text may not contain NUL characters." in response.text

    @pytest.mark.parametrize("page", ["abc", "99999", "0", "-1"])
    def test_bad_page_number_is_not_found(self, client, page):
        make_article()
        response = client.get(f"/articles/?page={page}")
        assert response.status_code == 404
        assert "Page not found" in response.content.decode()

    def test_query_count_does_not_grow_with_articles(self, assert_constant_queries):
        add_articles(3, make_official())
        assert_constant_queries(
            "/articles/?kind=official", 4, lambda: add_articles(30, make_official())
        )

    def test_last_page_holds_the_oldest_articles_in_order(self, client):
        for day in range(45):
            make_article(f"Day {day}", published_at=days_ago(day + 1))
        response = client.get("/articles/?page=3")
        assert response.context["page_obj"].paginator.num_pages == 3
        titles = [a.title for a in response.context["object_list"]]
        assert titles == [f"Day {day}" for day in range(40, 45)]

    def test_pages_list_every_article_once(self, client):
        moment = days_ago(1)
        for number in range(25):
            make_article(f"Same moment {number}", published_at=moment)
        pages = [client.get(f"/articles/?page={page}").context["object_list"] for page in (1, 2)]
        titles = [a.title for page in pages for a in page]
        assert sorted(titles) == sorted(f"Same moment {number}" for number in range(25))

    def test_deep_page_query_count_matches_the_first(self, assert_constant_queries):
        add_articles(45, make_official())
        assert_constant_queries("/articles/?page=3", 4, lambda: add_articles(20))


class ArticleDetailViewTests:
    @pytest.fixture
    def mazhilis(self):
        return make_institution("Mazhilis", classification="chamber")

    @pytest.fixture
    def story(self, mazhilis):
        # The chamber is registered first, so the linker links the body's mention of it.
        return make_article(
            "Mazhilis ratifies agreement",
            dek="Deputies approved it.",
            byline="Staff reporter",
            source_name="Kazinform",
            source_url="https://www.inform.kz/",
            body="The Mazhilis voted.",
            published_at=timezone.make_aware(dt.datetime(2021, 5, 4, 10)),
        )

    def test_shows_headline_dek_byline_dates_and_body(self, client, story):
        content = client.get(story.get_absolute_url()).content.decode()
        assert "<h1" in content and "Mazhilis ratifies agreement" in content
        assert "Deputies approved it." in content
        assert "By Staff reporter" in content
        assert '<time datetime="2021-05-04T10:00:00+00:00">' in content
        # The linker turned the body's mention of the chamber into a link to its page.
        link = r'<a href="/institutions/mazhilis/"[^>]*>Mazhilis</a>'
        assert re.search(f"<p>The {link} voted.</p>", content)

    def test_unknown_slug_is_not_found(self, client):
        assert client.get("/articles/no-such-story/").status_code == 404

    def test_shows_the_update_time_only_after_an_edit(self, client, story):
        Article.objects.filter(pk=story.pk).update(text_updated_at=None)
        assert "Updated" not in client.get(story.get_absolute_url()).content.decode()
        Article.objects.filter(pk=story.pk).update(
            text_updated_at=story.published_at + dt.timedelta(days=2)
        )
        # update() stands in for an editor's later save, whose signal retires cached pages.
        cache.clear()
        content = client.get(story.get_absolute_url()).content.decode()
        assert 'Updated <time datetime="2021-05-06T10:00:00+00:00">' in content

    def test_an_import_long_after_publication_is_no_update(self, client, story):
        imported = story.published_at + dt.timedelta(days=400)
        Article.objects.filter(pk=story.pk).update(imported_at=imported, text_updated_at=imported)
        assert "Updated" not in client.get(story.get_absolute_url()).content.decode()

    @pytest.mark.parametrize("status", [Article.Status.DRAFT, Article.Status.REVIEW])
    def test_readers_cannot_see_unpublished_articles(self, client, status):
        article = make_article("Secret", status=status)
        assert client.get(article.get_absolute_url()).status_code == 404

    def test_readers_cannot_see_scheduled_articles(self, client):
        article = make_article(published_at=timezone.now() + dt.timedelta(hours=2))
        assert client.get(article.get_absolute_url()).status_code == 404

    def test_staff_preview_is_marked_and_never_cached_publicly(self, editor_client):
        article = make_article("Draft story", status=Article.Status.DRAFT)
        response = editor_client.get(article.get_absolute_url())
        content = response.content.decode()
        assert response.status_code == 200
        assert "Preview — not published" in content
        assert '<meta name="robots" content="noindex">' in content
        assert "private" in response["Cache-Control"]
        assert "no-cache" in response["Cache-Control"]
        assert "public" not in response["Cache-Control"]

    def test_published_article_is_not_marked_as_preview(self, client, story):
        content = client.get(story.get_absolute_url()).content.decode()
        assert "Preview" not in content
        assert "noindex" not in content

    def test_mentioned_box_lists_public_mentions_only(self, client, story):
        confirmed = make_official("Asel Nurova", slug="asel-nurova")
        make_official("Daniyar Bekov", slug="daniyar-bekov")
        rejected = make_institution("Water Board", slug="water-board")
        # A surname on its own is only a suggestion until an editor confirms it.
        story.body = "Asel Nurova and Bekov briefed the Water Board."
        article_save(article=story, by=None)
        decide(story, confirmed, Mention.State.CONFIRMED)
        decide(story, rejected, Mention.State.REJECTED)
        assert story.mentions.get(entity__slug="daniyar-bekov").state == Mention.State.SUGGESTED
        content = client.get(story.get_absolute_url()).content.decode()
        assert "Mentioned in this article" in content
        assert 'href="/officials/asel-nurova/"' in content
        assert 'href="/officials/daniyar-bekov/"' not in content
        assert 'href="/institutions/water-board/"' not in content

    def test_official_shows_the_role_held_on_the_publication_date(self, client, story, mazhilis):
        speaker_post = make_post(mazhilis, "Speaker")
        former = make_official("Former Speaker")
        make_appointment(
            former, speaker_post, start_date=dt.date(2016, 1, 1), end_date=dt.date(2022, 2, 1)
        )
        make_appointment(former, make_post(mazhilis, "Deputy"), start_date=dt.date(2023, 1, 1))
        current = make_official("Current Speaker")
        make_appointment(current, speaker_post, start_date=dt.date(2022, 2, 1))
        make_mention(story, former)
        make_mention(story, current)
        content = client.get(story.get_absolute_url()).content.decode()
        assert "then-Speaker, Mazhilis" in content
        assert "Deputy" not in content
        assert content.count("Speaker, Mazhilis") == 1

    def test_related_articles_are_ranked_by_shared_entities(self, client, story):
        first, second, third = make_institution(), make_official(), make_institution()
        for entity in (first, second, third):
            make_mention(story, entity)
        one = make_article("Shares one")
        make_mention(one, first)
        two = make_article("Shares two")
        make_mention(two, first)
        make_mention(two, second)
        secret = make_article("Secret draft", status=Article.Status.DRAFT)
        make_mention(secret, first)
        make_mention(make_article("Rejected link"), third, state=Mention.State.REJECTED)
        related = client.get(story.get_absolute_url()).context["related"]
        assert [a.title for a in related] == ["Shares two", "Shares one"]

    def test_has_opengraph_twitter_and_canonical_tags(self, client, story, settings):
        settings.NEWSROOM_SITE_URL = "https://news.example"
        content = client.get(story.get_absolute_url()).content.decode()
        url = "https://news.example/articles/mazhilis-ratifies-agreement/"
        assert f'<link rel="canonical" href="{url}">' in content
        assert f'<meta property="og:url" content="{url}">' in content
        assert '<meta property="og:title" content="Mazhilis ratifies agreement">' in content
        assert '<meta name="twitter:card" content="summary_large_image">' in content

    def test_has_one_newsarticle_jsonld_with_mentions_and_about(self, client, story, settings):
        settings.NEWSROOM_SITE_URL = "https://news.example"
        story.mentions.filter(entity__name="Mazhilis").update(is_about=True)
        make_mention(story, make_institution("Tianjin College", classification="college"))
        make_mention(story, make_official("Yerlan Koshanov"))
        make_mention(story, make_official("Pending"), state=Mention.State.SUGGESTED)
        blocks = jsonld_blocks(client.get(story.get_absolute_url()))
        assert len(blocks) == 1
        data = blocks[0]
        assert data["@type"] == "NewsArticle"
        assert data["headline"] == "Mazhilis ratifies agreement"
        assert data["description"] == "Deputies approved it."
        assert data["datePublished"].startswith("2021-05-04T10:00:00")
        assert data["dateModified"]
        assert data["url"] == "https://news.example/articles/mazhilis-ratifies-agreement/"
        assert data["image"]["url"] == data["url"] + "card.png"
        assert sorted((m["@type"], m["name"], m["url"]) for m in data["mentions"]) == [
            (
                "CollegeOrUniversity",
                "Tianjin College",
                "https://news.example/institutions/tianjin-college/",
            ),
            ("GovernmentOrganization", "Mazhilis", "https://news.example/institutions/mazhilis/"),
            ("Person", "Yerlan Koshanov", "https://news.example/officials/yerlan-koshanov/"),
        ]
        assert [m["name"] for m in data["about"]] == ["Mazhilis"]

    def test_jsonld_cannot_break_out_of_its_script(self, client):
        article = make_article("</script><script>alert(1)</script>")
        content = client.get(article.get_absolute_url()).content.decode()
        assert "<script>alert(1)" not in content
        assert jsonld_blocks(client.get(article.get_absolute_url()))[0]["headline"] == (
            "</script><script>alert(1)</script>"
        )

    def test_query_count_does_not_grow_with_mentions(self, story, assert_constant_queries):
        def add_rows():
            official, institution = make_official(), make_institution()
            make_appointment(official, make_post(institution), start_date=dt.date(2020, 1, 1))
            for entity in (official, institution):
                make_mention(story, entity)
                add_articles(2, entity)

        add_rows()
        # The article with its section, its authors, its mentions with their entities and
        # roles, related articles and its translations.
        assert_constant_queries(story.get_absolute_url(), 6, lambda: [add_rows() for _ in range(5)])


class SearchViewTests:
    def test_renders_without_a_query(self, client):
        response = client.get("/search/")
        assert response.status_code == 200
        assert response.context["query"] == ""

    def test_an_alias_finds_its_entity_first(self, client):
        mazhilis = make_institution("Mazhilis")
        make_alias(mazhilis, "Majilis")
        make_institution("Majilis Research Centre of Something")
        entities = client.get("/search/?q=majilis").context["entities"]
        assert entities[0] == mazhilis.entity_ptr

    def test_an_alias_also_finds_the_articles_mentioning_its_entity(self, client):
        mazhilis = make_institution("Mazhilis")
        make_alias(mazhilis, "Majilis")
        make_mention(make_article("Chamber votes"), mazhilis)
        make_mention(make_article("Wrong link"), mazhilis, state=Mention.State.REJECTED)
        titles = [a.title for a in client.get("/search/?q=Majilis").context["object_list"]]
        assert titles == ["Chamber votes"]

    def test_finds_published_articles_only(self, client):
        make_article("Workshop opens", body="The Lu Ban workshop opened.")
        make_article("Workshop draft", status=Article.Status.DRAFT, body="workshop")
        make_article("Workshop review", status=Article.Status.REVIEW, body="workshop")
        titles = [a.title for a in client.get("/search/?q=workshop").context["object_list"]]
        assert titles == ["Workshop opens"]

    @pytest.mark.parametrize(
        "query", ["", "   ", "x" * 10000, '"((( OR -', "<script>", "%ff", "' OR 1=1 --"]
    )
    def test_odd_queries_never_fail(self, client, query):
        make_article("Something")
        assert client.get(f"/search/?q={query}").status_code == 200

    def test_a_nul_in_the_query_is_refused_with_a_message(self, client):
        response = client.get("/search/?q=a%00")
        assert response.status_code == 400
        assert "Text may not contain NUL characters." in response.text

    @pytest.mark.parametrize(
        ("fields", "query"),
        [
            ({"title": "Workshops open in Astana"}, "workshop"),
            ({"dek": "The budget for next year is approved."}, "Budget"),
            ({"body": "Students begin vocational training in September."}, "vocational"),
        ],
        ids=["title", "standfirst", "body"],
    )
    def test_finds_words_in_title_standfirst_and_body(self, client, fields, query):
        found = make_article(**{"title": "Found", **fields})
        make_article("Unrelated", dek="Weather.", body="Rain all week.")
        results = client.get("/search/", {"q": query}).context["object_list"]
        assert [a.pk for a in results] == [found.pk]

    def test_finds_articles_by_text_and_by_mention_together(self, client):
        mazhilis = make_institution("Mazhilis")
        make_alias(mazhilis, "Majilis")
        make_article("Majilis in the title")
        make_mention(make_article("Linked only"), mazhilis)
        make_article("Neither")
        titles = {a.title for a in client.get("/search/?q=Majilis").context["object_list"]}
        assert titles == {"Majilis in the title", "Linked only"}

    def test_query_count_is_constant(self, assert_constant_queries):
        add_articles(3, make_institution("Workshop"))
        assert_constant_queries(
            "/search/?q=news", 4, lambda: add_articles(10, make_official("Workshop Head"))
        )


class HttpCachingTests:
    def test_public_pages_can_be_cached_briefly(self, client):
        make_article()
        for url in ["/", "/articles/", "/institutions/", "/officials/", "/search/?q=a"]:
            response = client.get(url)
            assert "public" in response["Cache-Control"]
            assert "max-age=60" in response["Cache-Control"]
            assert "stale-while-revalidate" in response["Cache-Control"]
            assert response.has_header("Last-Modified")
            assert response.has_header("ETag")

    def test_conditional_get_by_date_is_not_modified(self, client):
        article = make_article()
        last_modified = client.get(article.get_absolute_url())["Last-Modified"]
        response = client.get(article.get_absolute_url(), HTTP_IF_MODIFIED_SINCE=last_modified)
        assert response.status_code == 304

    def test_conditional_get_by_etag_is_not_modified(self, client):
        make_article()
        etag = client.get("/articles/")["ETag"]
        assert client.get("/articles/", HTTP_IF_NONE_MATCH=etag).status_code == 304

    def test_staff_responses_are_never_shared(self, editor_client):
        article = make_article()
        response = editor_client.get(article.get_absolute_url())
        assert response.status_code == 200
        assert "private" in response["Cache-Control"]

    def test_not_found_is_not_cached_publicly(self, client):
        response = client.get("/articles/nothing-here/")
        assert "public" not in response.get("Cache-Control", "")


class ErrorPageTests:
    def test_not_found_page_uses_the_site_design(self, client):
        response = client.get("/no/such/page/")
        content = response.content.decode()
        assert response.status_code == 404
        assert 'class="masthead"' in content
        assert "<h1>Page not found</h1>" in content

    def test_server_error_page_renders_without_context(self):
        from django.template.loader import render_to_string

        assert "Something went wrong" in render_to_string("500.html")


class ArticleTranslationTests:
    @pytest.fixture
    def original(self):
        return make_article("Budget passed", language="en")

    def also_in(self, client, article):
        found = re.search(
            r'<p class="story__translations">(.*?)</p>', client.get(url_of(article)).text
        )
        return found and re.findall(
            r'<a href="([^"]+)" hreflang="(\w+)" lang="\w+">([^<]+)</a>', found.group(1)
        )

    def test_each_published_translation_is_linked_in_its_language(self, client, original):
        russian = make_article("Бюджет принят", language="ru", translation_of=original)
        kazakh = make_article("Бюджет қабылданды", language="kk", translation_of=original)
        assert self.also_in(client, original) == [
            (f"/kk/articles/{kazakh.slug}/", "kk", "Қазақша"),
            (f"/ru/articles/{russian.slug}/", "ru", "Русский"),
        ]
        assert self.also_in(client, russian) == [
            ("/articles/budget-passed/", "en", "English"),
            (f"/kk/articles/{kazakh.slug}/", "kk", "Қазақша"),
        ]

    def test_a_draft_translation_is_never_linked(self, client, original):
        make_article("Бюджет принят", language="ru", translation_of=original, status="draft")
        assert self.also_in(client, original) is None

    def test_the_text_of_a_russian_article_is_marked_russian_on_an_english_page(self, client):
        make_article("Бюджет принят", slug="byudzhet", dek="Коротко.", language="ru")
        page = client.get("/articles/byudzhet/").text
        assert '<html lang="en">' in page
        assert 'id="story-title" lang="ru">Бюджет принят</h1>' in page
        assert '<p class="story__dek" lang="ru">Коротко.</p>' in page
        assert 'lang="ru">Бюджет принят</a>' in client.get("/").text

    def test_structured_data_names_the_articles_own_language(self, client, original):
        russian = make_article("Бюджет принят", language="ru", translation_of=original)
        blocks = jsonld_blocks(client.get("/articles/budget-passed/"))
        assert blocks[0]["inLanguage"] == "en"
        assert jsonld_blocks(client.get(url_of(russian)))[0]["inLanguage"] == "ru"


def url_of(article):
    """The article's page with the site in the article's language."""
    prefix = "" if article.language == "en" else f"/{article.language}"
    return f"{prefix}/articles/{article.slug}/"


class ArticleLanguageFilterTests:
    def test_the_list_shows_only_the_language_asked_for(self, client):
        make_article("In English", language="en")
        make_article("По-русски", language="ru")
        titles = [a.title for a in client.get("/articles/?language=ru").context["object_list"]]
        assert titles == ["По-русски"]

    def test_an_unknown_language_is_a_form_error(self, client):
        response = client.get("/articles/?language=xx")
        assert response.context["filter"].form.errors
