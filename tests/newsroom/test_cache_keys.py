"""Cache keys: each public page carries the keys of what it shows, and a change retires
only the pages that show what it changed."""

import re

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import Client
from django.urls import path

from articles import services
from articles.linking.services import link_article
from articles.models import Article
from newsroom import fragments
from newsroom.cache_keys import RETIREMENTS_KEY, TOKEN_PREFIX, retire_in_page_cache
from newsroom.caching import public_page
from tests.factories import make_alias, make_article, make_institution

pytestmark = pytest.mark.django_db

renderings = []
# What another process does while the first rendering reads the database.
while_rendering = []


def page_retired_while_it_renders(request):
    renderings.append(request.path)
    if len(renderings) == 1:
        while_rendering[0]()
    return HttpResponse("<p>story</p>")


def page_with_a_kept_part(request, name):
    renderings.append(request.path)
    made = len(renderings)
    part = fragments.read({"box": "box of story"}).get("box", lambda: (f"part {made}", {"story"}))
    if while_rendering:
        while_rendering.pop()()
    return HttpResponse(f"<p>{part}</p>")


def story(*args, **kwargs):
    return ["story"]


urlpatterns = [
    path("racing/", public_page(page_retired_while_it_renders, keys=story)),
    path("kept-part/<name>/", public_page(page_with_a_kept_part, keys=story)),
]


@pytest.fixture
def reader():
    return Client()


@pytest.fixture
def newsroom(committed):
    """Two stories about two institutions that have nothing to do with each other."""
    with committed():
        mazhilis = make_institution("Mazhilis", slug="mazhilis")
        senate = make_institution("Senate", slug="senate")
        budget = make_article("Mazhilis passes the budget", body="The Mazhilis voted.")
        link_article(budget)
        roads = make_article("Senate debates roads", body="The Senate met.")
        link_article(roads)
    return {"mazhilis": mazhilis, "senate": senate, "budget": budget, "roads": roads}


def warm(client, *urls):
    for url in urls:
        client.get(url)
        client.get(url)


class RetirementTests:
    def test_a_page_is_retired_though_the_count_of_retirements_was_lost(
        self, reader, newsroom, committed, editor
    ):
        url = newsroom["budget"].get_absolute_url()
        # Stored after the count started again at its first retirement...
        cache.delete(RETIREMENTS_KEY)
        retire_in_page_cache(["something-else"])
        warm(reader, url)
        # ...then lost again (evicted), and an edit is the new count's first retirement.
        cache.delete(RETIREMENTS_KEY)
        with committed():
            newsroom["budget"].title = "Mazhilis passes the budget at last"
            services.article_save(article=newsroom["budget"], by=editor)
        response = reader.get(url)
        assert response["X-Cache"] == "MISS"
        assert "at last" in response.text

    def test_a_retirement_names_its_count_exactly_however_large(self):
        cache.set(RETIREMENTS_KEY, 2**62 + 1, timeout=None)  # beyond a double's precision
        retire_in_page_cache(["story"])
        assert cache.get(TOKEN_PREFIX + "story")[2] == cache.get(RETIREMENTS_KEY) == 2**62 + 2

    def test_editing_one_article_leaves_unrelated_pages_cached(
        self, reader, newsroom, editor, committed, django_assert_num_queries
    ):
        budget, roads = newsroom["budget"], newsroom["roads"]
        unrelated = [
            roads.get_absolute_url(),
            "/institutions/senate/",
            "/institutions/senate/feed/",
        ]
        warm(reader, budget.get_absolute_url(), "/institutions/mazhilis/", *unrelated)
        with committed():
            budget.title = "Mazhilis passes the budget at last"
            services.article_save(article=budget, by=editor)
        for url in unrelated:
            with django_assert_num_queries(0):
                assert reader.get(url).status_code == 200, url
        for url in (budget.get_absolute_url(), "/institutions/mazhilis/"):
            assert "the budget at last" in reader.get(url).text

    def test_saving_a_draft_retires_no_public_page_nor_its_etag(
        self, reader, newsroom, editor, committed, django_assert_num_queries
    ):
        urls = ["/", "/articles/", newsroom["budget"].get_absolute_url(), "/sitemap.xml"]
        warm(reader, *urls)
        etags = {url: reader.get(url)["ETag"] for url in urls}
        with committed():
            draft = make_article("Secret plan", status=Article.Status.DRAFT)
            draft.body = "The Mazhilis plans."
            services.article_save(article=draft, by=editor)
        for url in urls:
            with django_assert_num_queries(0):
                response = reader.get(url)
            assert response["ETag"] == etags[url]
            assert reader.get(url, HTTP_IF_NONE_MATCH=etags[url]).status_code == 304

    def test_renaming_an_entity_retires_the_articles_that_name_it_only(
        self, reader, newsroom, committed, django_assert_num_queries
    ):
        budget, roads = newsroom["budget"], newsroom["roads"]
        warm(reader, budget.get_absolute_url(), roads.get_absolute_url())
        with committed():
            make_alias(newsroom["mazhilis"], "Mazhilis")  # the text still names it
        warm(reader, budget.get_absolute_url(), roads.get_absolute_url())
        with committed():
            newsroom["mazhilis"].name = "Mazhilis of the Parliament"
            newsroom["mazhilis"].save()
        with django_assert_num_queries(0):
            reader.get(roads.get_absolute_url())
        assert "Mazhilis of the Parliament" in reader.get(budget.get_absolute_url()).text

    def test_publishing_an_article_retires_the_lists_it_joins(
        self, reader, newsroom, editor, committed
    ):
        warm(reader, "/", "/articles/", "/feeds/articles/rss/", "/institutions/mazhilis/")
        with committed():
            draft = make_article(
                "Mazhilis adjourns", body="The Mazhilis adjourned.", status=Article.Status.DRAFT
            )
        with committed():
            services.article_publish(article=draft, by=editor)
        for url in ("/", "/articles/", "/feeds/articles/rss/", "/institutions/mazhilis/"):
            assert "Mazhilis adjourns" in reader.get(url).text, url

    @pytest.fixture
    def racing(self):
        """Sets what lands while the page ``/racing/`` (key ``story``) first renders."""
        renderings.clear()
        yield lambda action: while_rendering.__setitem__(slice(None), [action])
        while_rendering.clear()

    @pytest.mark.urls(__name__)
    def test_a_page_rendered_while_its_key_is_retired_is_not_stored(self, reader, racing):
        racing(lambda: retire_in_page_cache(["story"]))
        during, after, again = (reader.get("/racing/") for _ in range(3))
        assert len(renderings) == 2, "the page rendered during a retirement was stored"
        # Nor may an edge cache or a browser keep it.
        assert during["Cache-Control"] == "no-store"
        assert "public" in after["Cache-Control"] and again["X-Cache"] == "HIT"

    @pytest.mark.urls(__name__)
    def test_an_edge_keeps_a_page_rendered_while_its_key_is_retired_a_second(
        self, reader, racing, settings
    ):
        settings.NEWSROOM_EDGE_KEY_HEADERS = ["xkey"]
        racing(lambda: retire_in_page_cache(["story"]))
        during, after = (reader.get("/racing/") for _ in range(2))
        assert during["Cache-Control"] == "public, max-age=0, s-maxage=1"
        assert "story" in during["xkey"].split()
        assert len(renderings) == 2 and after["X-Cache"] == "MISS"

    @pytest.mark.urls(__name__)
    def test_a_page_rendered_while_other_keys_are_retired_is_stored(self, reader, racing):
        racing(lambda: retire_in_page_cache(["another-story"]))
        during, again = (reader.get("/racing/") for _ in range(2))
        assert "public" in during["Cache-Control"]
        assert again["X-Cache"] == "HIT" and len(renderings) == 1

    @pytest.mark.urls(__name__)
    def test_a_page_showing_a_part_read_as_its_key_was_retired_is_not_stored(self, reader, racing):
        reader.get("/kept-part/first/")  # the part is made and kept
        # A retirement of the part's key is counted; its token is written only once the
        # next page has read the part, still current by its token.
        count = cache.incr(RETIREMENTS_KEY)
        racing(lambda: cache.set(TOKEN_PREFIX + "story", ("new", 0, count), timeout=None))
        during = reader.get("/kept-part/second/")
        assert "part 1" in during.text and during["Cache-Control"] == "no-store"
        assert "part 3" in reader.get("/kept-part/second/").text

    @pytest.mark.urls(__name__)
    def test_a_page_is_not_served_once_a_retirement_it_raced_writes_its_token(self, reader, racing):
        counted = []
        # The retirement is counted while the page renders; its tokens are written after.
        racing(lambda: counted.append(cache.incr(RETIREMENTS_KEY)))
        reader.get("/racing/")
        cache.set(TOKEN_PREFIX + "story", ("new", 0, counted[0]), timeout=None)
        assert reader.get("/racing/")["X-Cache"] == "MISS"
        assert len(renderings) == 2


class KeyHeaderTests:
    def keys(self, response, header="xkey", separator=" "):
        return set(response[header].split(separator))

    def test_an_article_page_names_the_article_and_each_entity_on_it(
        self, reader, newsroom, settings
    ):
        settings.NEWSROOM_EDGE_KEY_HEADERS = ["xkey", "Surrogate-Key", "Cache-Tag"]
        budget, mazhilis = newsroom["budget"], newsroom["mazhilis"]
        url = budget.get_absolute_url()
        for response in (reader.get(url), reader.get(url)):
            keys = self.keys(response)
            assert {f"article-{budget.pk}", f"entity-{mazhilis.pk}", "all"} <= keys
            assert f"article-{newsroom['roads'].pk}" not in keys
            assert self.keys(response, "Surrogate-Key") == keys
            assert self.keys(response, "Cache-Tag", ",") == keys

    @pytest.mark.parametrize(
        "url, key",
        [
            ("/", "articles"),
            ("/feeds/articles/rss/", "articles"),
            ("/institutions/", "entities"),
            ("/sitemap.xml", "article-text"),
            ("/sitemap-institutions.xml", "entities"),
            ("/search/?q=budget", "article-text"),
        ],
    )
    def test_lists_name_what_they_list(self, reader, newsroom, settings, url, key):
        settings.NEWSROOM_EDGE_KEY_HEADERS = ["xkey"]
        assert key in self.keys(reader.get(url))

    def test_an_entity_feed_names_its_items(self, reader, newsroom, settings):
        settings.NEWSROOM_EDGE_KEY_HEADERS = ["xkey"]
        keys = self.keys(reader.get("/institutions/mazhilis/feed/"))
        mazhilis = newsroom["mazhilis"]
        assert {f"entity-{mazhilis.pk}", f"entity-{mazhilis.pk}-articles"} <= keys
        assert f"article-{newsroom['budget'].pk}" in keys

    def test_without_an_edge_browsers_get_no_keys(self, reader, newsroom):
        for response in (reader.get("/"), reader.get("/")):
            for header in ("xkey", "Surrogate-Key", "Cache-Tag"):
                assert header not in response
            assert "s-maxage" not in response["Cache-Control"]

    def test_an_edge_may_keep_pages_longer_than_browsers(self, reader, newsroom, settings):
        settings.NEWSROOM_EDGE_KEY_HEADERS = ["xkey"]
        control = reader.get("/")["Cache-Control"]
        assert "max-age=60" in control
        assert 0 < int(re.search(r"s-maxage=(\d+)", control)[1]) <= settings.NEWSROOM_EDGE_MAX_AGE

    def test_staff_pages_carry_no_keys(self, editor_client, newsroom, settings):
        settings.NEWSROOM_EDGE_KEY_HEADERS = ["xkey"]
        assert "xkey" not in editor_client.get("/")


class CacheStatusTests:
    def test_a_page_says_whether_it_came_from_the_page_cache(self, reader, newsroom):
        assert reader.get("/")["X-Cache"] == "MISS"
        assert reader.get("/")["X-Cache"] == "HIT"


class QueryStringTests:
    def test_tracking_parameters_are_served_the_cached_page(
        self, reader, newsroom, django_assert_num_queries
    ):
        warm(reader, "/articles/")
        with django_assert_num_queries(0):
            response = reader.get("/articles/?utm_source=news&fbclid=abc&gclid=1&mc_cid=2")
        assert "utm_source" not in response.text
        assert "fbclid" not in response.text

    def test_parameters_a_page_reads_in_any_order_are_one_page(
        self, reader, newsroom, django_assert_num_queries
    ):
        warm(reader, "/articles/?kind=institution&q=budget")
        with django_assert_num_queries(0):
            reader.get("/articles/?q=budget&utm_medium=x&kind=institution")

    def test_a_parameter_a_page_reads_is_a_page_of_its_own(self, reader, newsroom):
        warm(reader, "/search/?q=budget")
        assert "Senate debates roads" in reader.get("/search/?q=roads").text

    def test_links_on_a_page_never_carry_tracking_parameters(self, reader, newsroom, editor):
        for number in range(21):
            make_article(f"Filler {number}")
        first = reader.get("/articles/?utm_campaign=spring")
        assert 'rel="next"' in first.text
        assert "utm_campaign" not in first.text
        assert '<link rel="canonical" href="http://127.0.0.1:8000/articles/">' in first.text

    def test_variants_of_a_page_are_bounded(
        self, reader, newsroom, settings, django_assert_num_queries
    ):
        settings.NEWSROOM_PAGE_CACHE_VARIANTS = 2
        urls = [f"/search/?q=word{number}" for number in range(4)]
        warm(reader, *urls)
        for url in urls[:2]:
            with django_assert_num_queries(0):
                reader.get(url)
        with django_assert_num_queries(0):
            reader.get("/search/")
        response = reader.get(urls[3])
        assert response.status_code == 200

    def test_a_variant_retired_by_an_edit_is_stored_again(
        self, reader, newsroom, settings, committed, editor, django_assert_num_queries
    ):
        settings.NEWSROOM_PAGE_CACHE_VARIANTS = 2
        urls = ["/articles/?page=1", "/articles/?language=en"]
        for _ in range(3):
            warm(reader, *urls)
            with committed():
                newsroom["budget"].title += "!"
                services.article_save(article=newsroom["budget"], by=editor)
        warm(reader, *urls)
        for url in urls:
            with django_assert_num_queries(0):
                assert reader.get(url)["X-Cache"] == "HIT", url


class NonceInTextTests:
    def test_article_text_quoting_a_nonce_attribute_stays_as_written(self, reader, committed):
        with committed():
            article = make_article(
                "On policies", body='Templates write `nonce="csp-nonce"` on every script.'
            )
        first = reader.get(article.get_absolute_url())
        second = reader.get(article.get_absolute_url())
        quoted = re.search(r"<code>nonce=[^<]*</code>", first.text)[0]
        assert "csp-nonce" in quoted
        assert quoted in second.text
