import datetime as dt
import re
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.cache.backends.base import BaseCache
from django.core.management import call_command
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import parse_http_date

from articles import services
from articles.linking.services import link_article
from articles.models import Article, Mention
from articles.tasks import _RelinkBatch
from institutions.models import Alias, Institution
from newsroom.caching import _page_key, public_page
from newsroom.content_version import VERSION_KEY, start_content_version, stored_content_version
from tests.admin_forms import article_form
from tests.factories import (
    make_alias,
    make_appointment,
    make_article,
    make_institution,
    make_official,
    make_post,
)

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parents[2] / "seeds" / "articles"
# Every script the page's templates wrote carries the request's nonce.
NONCE = re.compile(r'<script [^>]*nonce="([^"]+)"')
# What a page about Content-Security-Policy may quote; its quotes need no escaping in text.
QUOTED_ATTRIBUTE = 'Templates write nonce="csp-nonce" on every script.'


def page_with_a_form(request):
    return HttpResponse(f'<input name="csrfmiddlewaretoken" value="{get_token(request)}">')


def page_quoting_a_nonce_attribute(request):
    return HttpResponse(
        f'<script nonce="{request.csp_nonce}">{{}}</script><p>{QUOTED_ATTRIBUTE}</p>'
    )


def page_that_sets_a_cookie(request):
    response = HttpResponse("Welcome")
    response.set_cookie("seen", "yes")
    return response


urlpatterns = [
    path("form/", public_page(page_with_a_form)),
    path("welcome/", public_page(page_that_sets_a_cookie)),
    path("csp/", public_page(page_quoting_a_nonce_attribute)),
]


@pytest.fixture
def reader():
    """A reader's browser: never signed in, with no session cookie."""
    return Client()


@pytest.fixture
def mazhilis(committed):
    with committed():
        return make_institution("Mazhilis", slug="mazhilis")


@pytest.fixture
def story(mazhilis, committed):
    with committed():
        article = make_article("Mazhilis ratifies agreement", body="The Mazhilis voted.")
        link_article(article)
    return article


def retitle_the_article(article, institution):
    article.title = "Mazhilis ratifies the agreement"
    article.save()


def describe_the_institution(article, institution):
    institution.summary = "The lower house of Parliament."
    institution.save()


def cached(client, url):
    """GET ``url`` twice; the second answer, which the page cache gives."""
    client.get(url)
    return client.get(url)


class PageCacheTests:
    @pytest.mark.parametrize(
        "url",
        [
            "/",
            "/articles/",
            "/articles/?kind=institution",
            "/articles/mazhilis-ratifies-agreement/",
            "/institutions/",
            "/institutions/mazhilis/",
            "/officials/",
            "/search/?q=agreement",
            "/feeds/articles/rss/",
            "/feeds/articles/atom/",
            "/institutions/mazhilis/feed/",
            "/sitemap.xml",
            "/ru/",
            "/kk/articles/mazhilis-ratifies-agreement/",
        ],
    )
    def test_a_second_visit_takes_no_query(self, reader, story, url, django_assert_num_queries):
        first = reader.get(url)
        with django_assert_num_queries(0):
            second = reader.get(url)
        assert second.status_code == 200
        assert second["Content-Type"] == first["Content-Type"]
        assert second["ETag"] == first["ETag"]
        assert NONCE.sub("", second.text) == NONCE.sub("", first.text)

    def test_a_page_is_served_in_one_round_trip_to_the_cache_before_any_edit(
        self, reader, story, monkeypatch
    ):
        url = story.get_absolute_url()
        cache.clear()  # as after a flush or on a new server: nothing retired yet
        reader.get(url)
        reads = []
        get_many = cache.get_many
        monkeypatch.setattr(cache, "get_many", lambda keys: reads.append(keys) or get_many(keys))
        assert reader.get(url)["X-Cache"] == "HIT"
        assert len(reads) == 1

    def test_a_browser_asking_for_russian_gets_the_stored_english_page_of_an_english_address(
        self, reader, story
    ):
        russian = reader.get("/", HTTP_ACCEPT_LANGUAGE="ru")
        english = reader.get("/", HTTP_ACCEPT_LANGUAGE="en")
        assert '<html lang="en">' in russian.text
        assert NONCE.sub("", english.text) == NONCE.sub("", russian.text)
        assert "Accept-Language" not in russian["Vary"]

    def test_a_cached_page_keeps_the_shared_caching_headers(self, reader, story):
        response = cached(reader, "/")
        assert response["Cache-Control"] == "public, max-age=60, stale-while-revalidate=300"
        assert "Cookie" in response["Vary"]
        assert response.has_header("Last-Modified")
        assert response.has_header("ETag")

    def test_a_cached_page_has_every_header_of_the_rendered_one(self, reader, story):
        first = reader.get(story.get_absolute_url())
        second = cached(reader, story.get_absolute_url())
        assert sorted(second.headers) == sorted(first.headers)
        for name in ("X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy"):
            assert second[name] == first[name]
        assert int(second["Content-Length"]) == len(second.content)

    def test_a_reader_with_a_session_gets_a_rendered_page_that_is_not_stored(
        self, reader, story, settings
    ):
        reader.cookies[settings.SESSION_COOKIE_NAME] = "not-a-session"
        reader.get("/")
        with CaptureQueriesContext(connection) as queries:
            assert "Mazhilis ratifies" in reader.get("/").text
        assert len(queries) > 0
        with CaptureQueriesContext(connection) as queries:
            Client().get("/")
        assert len(queries) > 0, "a page rendered for a session was stored for everyone"

    def test_each_query_string_is_its_own_page(self, reader, story):
        reader.get("/search/?q=agreement")
        assert "Mazhilis ratifies" not in reader.get("/search/?q=nothing-like-it").text

    def test_head_is_answered_from_the_cache(self, reader, story, django_assert_num_queries):
        reader.get("/")
        with django_assert_num_queries(0):
            response = reader.head("/")
        assert response.status_code == 200

    def test_a_page_first_asked_for_by_head_is_stored_whole(
        self, reader, story, django_assert_num_queries
    ):
        reader.head("/")
        with django_assert_num_queries(0):
            assert "Mazhilis ratifies" in reader.get("/").text

    def test_not_found_is_not_stored(self, reader):
        reader.get("/articles/no-such-story/")
        with CaptureQueriesContext(connection) as queries:
            assert reader.get("/articles/no-such-story/").status_code == 404
        assert len(queries) > 0

    def test_a_reader_without_a_session_never_reads_the_session_table(self, reader, story):
        with CaptureQueriesContext(connection) as queries:
            reader.get(story.get_absolute_url())
        assert not [q for q in queries if "django_session" in q["sql"]]


@pytest.mark.urls(__name__)
class UnsharedPageTests:
    @pytest.mark.parametrize("url, cookie", [("/form/", "csrftoken"), ("/welcome/", "seen")])
    def test_a_page_that_sets_a_cookie_is_not_stored(self, url, cookie):
        for _ in range(2):
            assert cookie in Client().get(url).cookies


class ConditionalGetTests:
    def test_not_modified_by_etag_takes_no_query(self, reader, story, django_assert_num_queries):
        etag = reader.get("/")["ETag"]
        with django_assert_num_queries(0):
            response = reader.get("/", HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 304
        assert response["ETag"] == etag

    def test_not_modified_by_date_takes_no_query(self, reader, story, django_assert_num_queries):
        last_modified = reader.get("/articles/")["Last-Modified"]
        with django_assert_num_queries(0):
            response = reader.get("/articles/", HTTP_IF_MODIFIED_SINCE=last_modified)
        assert response.status_code == 304

    @pytest.mark.parametrize(
        "url, edit",
        [("/", retitle_the_article), ("/institutions/mazhilis/", describe_the_institution)],
        ids=["article", "entity"],
    )
    def test_an_edit_defeats_the_old_validators(
        self, reader, story, mazhilis, committed, monkeypatch, url, edit
    ):
        first = reader.get(url)
        validators = {
            "HTTP_IF_NONE_MATCH": first["ETag"],
            "HTTP_IF_MODIFIED_SINCE": first["Last-Modified"],
        }
        later = timezone.now() + dt.timedelta(seconds=2)
        monkeypatch.setattr(timezone, "now", lambda: later)
        for header, value in validators.items():
            assert reader.get(url, **{header: value}).status_code == 304, "not modified yet"
        with committed():
            edit(story, mazhilis)
        for header, value in validators.items():
            response = reader.get(url, **{header: value})
            assert response.status_code == 200, header
            assert response["ETag"] != first["ETag"]
            assert parse_http_date(response["Last-Modified"]) > parse_http_date(
                first["Last-Modified"]
            )

    def test_an_edit_within_the_same_second_defeats_the_etag(self, reader, story, committed):
        first = reader.get("/")
        with committed():
            story.title = "Mazhilis ratifies the agreement"
            story.save()
        response = reader.get("/", HTTP_IF_NONE_MATCH=first["ETag"])
        assert response.status_code == 200
        assert "ratifies the agreement" in response.text

    def test_last_modified_never_runs_ahead_of_the_clock(self, reader, story, committed):
        for number in range(5):
            with committed():
                story.title = f"Edit {number}"
                story.save()
        last_modified = parse_http_date(reader.get("/")["Last-Modified"])
        assert last_modified <= timezone.now().timestamp()

    def test_a_not_modified_answer_varies_on_the_cookie(self, reader, story):
        etag = reader.get("/")["ETag"]
        response = reader.get("/", HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 304
        assert "Cookie" in response["Vary"]

    def test_an_unknown_address_is_not_found_whatever_the_validators(self, reader):
        response = reader.get("/articles/no-such-story/", HTTP_IF_NONE_MATCH="*")
        assert response.status_code == 404


class InvalidationTests:
    def test_an_edited_title_shows_at_once(self, reader, story, editor, committed):
        url = story.get_absolute_url()
        for page in ("/", url):
            cached(reader, page)
        with committed():
            story.title = "Mazhilis ratifies the treaty"
            services.article_save(article=story, by=editor)
        for page in ("/", url):
            assert "Mazhilis ratifies the treaty" in reader.get(page).text

    def test_a_published_draft_shows_at_once(self, reader, editor, committed):
        with committed():
            draft = make_article("Budget passes", status=Article.Status.DRAFT)
        assert "Budget passes" not in cached(reader, "/").text
        assert reader.get(draft.get_absolute_url()).status_code == 404
        with committed():
            services.article_publish(article=draft, by=editor)
        assert "Budget passes" in reader.get("/").text
        assert reader.get(draft.get_absolute_url()).status_code == 200

    def test_an_unpublished_article_goes_at_once(self, reader, story, editor, committed):
        url = story.get_absolute_url()
        assert "Mazhilis ratifies" in cached(reader, "/").text
        cached(reader, url)
        with committed():
            services.article_unpublish(article=story, by=editor)
        assert "Mazhilis ratifies" not in reader.get("/").text
        assert reader.get(url).status_code == 404

    def test_a_deleted_article_goes_at_once(self, reader, story, committed):
        url = story.get_absolute_url()
        cached(reader, "/sitemap.xml")
        cached(reader, url)
        with committed():
            story.delete()
        assert url not in reader.get("/sitemap.xml").text
        assert reader.get(url).status_code == 404

    def test_a_mention_an_editor_rejects_goes_at_once(
        self, reader, story, editor_client, committed
    ):
        assert "Mazhilis ratifies" in cached(reader, "/institutions/mazhilis/").text
        assert 'href="/institutions/mazhilis/"' in cached(reader, story.get_absolute_url()).text
        data = article_form(story)
        data["mentions-0-state"] = Mention.State.REJECTED
        with committed():
            response = editor_client.post(
                reverse("admin:articles_article_change", args=[story.pk]), data
            )
        assert response.status_code == 302
        assert "Mazhilis ratifies" not in reader.get("/institutions/mazhilis/").text
        assert 'href="/institutions/mazhilis/"' not in reader.get(story.get_absolute_url()).text

    def test_a_new_alias_shows_in_search_and_links_at_once(self, reader, mazhilis, committed):
        with committed():
            article = make_article("Deputies meet", body="The Majilis met today.")
            link_article(article)
        assert "Mazhilis" not in cached(reader, "/search/?q=Majilis").text
        url = article.get_absolute_url()
        assert 'href="/institutions/mazhilis/"' not in cached(reader, url).text
        with committed():
            make_alias(mazhilis, "Majilis")
        assert "Mazhilis" in reader.get("/search/?q=Majilis").text
        assert 'href="/institutions/mazhilis/"' in reader.get(url).text

    def test_a_renamed_entity_shows_at_once(self, reader, mazhilis, committed):
        for page in ("/institutions/", "/institutions/mazhilis/"):
            assert "Mazhilis" in cached(reader, page).text
        with committed():
            mazhilis.name = "Mazhilis of the Parliament"
            mazhilis.save()
        for page in ("/institutions/", "/institutions/mazhilis/"):
            assert "Mazhilis of the Parliament" in reader.get(page).text

    def test_a_new_appointment_shows_at_once(self, reader, mazhilis, committed):
        with committed():
            koshanov = make_official("Yerlan Koshanov", slug="yerlan-koshanov")
        assert "Chairman" not in cached(reader, "/officials/yerlan-koshanov/").text
        with committed():
            make_appointment(koshanov, make_post(mazhilis, "Chairman"))
        assert "Chairman" in reader.get("/officials/yerlan-koshanov/").text

    def test_a_bulk_relink_shows_at_once(self, reader, mazhilis, committed):
        with committed():
            make_article("Deputies meet", body="The Majilis met today.")
        assert "Deputies meet" not in cached(reader, "/institutions/mazhilis/").text
        # No signal, no relink: only the relink's own writes can retire the page.
        Alias.objects.bulk_create([Alias(entity=mazhilis, name="Majilis")])
        with committed():
            call_command("relink_articles", stdout=StringIO())
        assert "Deputies meet" in reader.get("/institutions/mazhilis/").text

    def test_loading_seeds_shows_at_once(self, reader, committed, tmp_path):
        assert "No articles yet" in cached(reader, "/").text
        shutil.copy(SEEDS / "000_3518098ee76f5d4b.txt", tmp_path)
        with committed():
            call_command("load_seeds", str(tmp_path), stdout=StringIO())
        assert "No articles yet" not in reader.get("/").text

    def test_a_scheduled_article_shows_when_its_time_comes(
        self, reader, story, editor, committed, monkeypatch, django_assert_num_queries
    ):
        reader.get("/")
        with committed():
            article = make_article("Budget passes", status=Article.Status.DRAFT)
            article.published_at = timezone.now() + dt.timedelta(hours=1)
            services.article_publish(article=article, by=editor)
        assert "Budget passes" not in reader.get("/").text
        with django_assert_num_queries(0):
            reader.get("/")
        later = timezone.now() + dt.timedelta(hours=2)
        monkeypatch.setattr(timezone, "now", lambda: later)
        assert "Budget passes" in reader.get("/").text


class SignedInTests:
    def test_a_staff_preview_is_never_cached(self, reader, editor_client):
        draft = make_article("Budget passes", status=Article.Status.DRAFT)
        url = draft.get_absolute_url()
        for _ in range(2):
            response = editor_client.get(url)
            assert response.status_code == 200
            assert response["Cache-Control"] == "private, no-cache"
        assert reader.get(url).status_code == 404

    def test_staff_are_never_served_from_the_cache(self, reader, story, editor_client):
        url = story.get_absolute_url()
        cached(reader, url)
        with CaptureQueriesContext(connection) as queries:
            response = editor_client.get(url)
        assert len(queries) > 0
        assert "private" in response["Cache-Control"]

    def test_a_staff_visit_leaves_no_page_for_readers(self, reader, story, editor_client):
        url = story.get_absolute_url()
        editor_client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = reader.get(url)
        assert len(queries) > 0
        assert "Preview" not in response.text
        assert "public" in response["Cache-Control"]

    def test_a_signed_in_reader_is_never_served_from_the_cache(self, reader, story):
        member = Client()
        member.force_login(User.objects.create_user("reader", password="a-long-password-1"))
        cached(reader, "/")
        with CaptureQueriesContext(connection) as queries:
            response = member.get("/")
        assert len(queries) > 0
        assert response["Cache-Control"] == "private, no-cache"


class NonceTests:
    def nonces(self, response):
        (in_body,) = set(NONCE.findall(response.text))
        in_header = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])[1]
        return in_body, in_header

    @pytest.mark.urls(__name__)
    def test_each_cached_copy_carries_a_fresh_nonce_matching_the_header(self, reader):
        pairs = [self.nonces(reader.get("/csp/")) for _ in range(3)]
        assert all(in_body == in_header for in_body, in_header in pairs)
        assert len({in_body for in_body, _ in pairs}) == 3

    def test_a_cached_page_without_a_script_asks_for_no_nonce(self, reader, story):
        response = cached(reader, "/feeds/articles/rss/")
        assert "nonce-" not in response["Content-Security-Policy"]

    @pytest.mark.urls(__name__)
    def test_text_quoting_a_nonce_attribute_is_served_as_written(self, reader):
        first = reader.get("/csp/")
        second = cached(reader, "/csp/")
        assert QUOTED_ATTRIBUTE in first.text
        assert QUOTED_ATTRIBUTE in second.text
        in_header = re.search(r"'nonce-([^']+)'", second["Content-Security-Policy"])[1]
        assert f'<script nonce="{in_header}">' in second.text
        assert in_header not in first["Content-Security-Policy"]


class WithoutSharedCacheTests:
    @pytest.fixture(autouse=True)
    def page_cache_off(self, settings):
        settings.NEWSROOM_PAGE_CACHE = False

    def test_pages_are_rendered_each_time(self, reader, story):
        reader.get("/")
        with CaptureQueriesContext(connection) as queries:
            response = reader.get("/")
        assert len(queries) > 0
        assert "public" in response["Cache-Control"]

    def test_an_unchanged_page_is_not_modified(self, reader, story):
        etag = reader.get("/feeds/articles/rss/")["ETag"]
        response = reader.get("/feeds/articles/rss/", HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 304


class BrokenCache(BaseCache):
    """A cache whose server is down."""

    def __init__(self, location, params):
        super().__init__(params)

    def get(self, key, default=None, version=None):
        raise ConnectionError("cache server unreachable")

    def set(self, key, value, timeout=None, version=None):
        raise ConnectionError("cache server unreachable")

    def clear(self):
        pass


class CacheOutageTests:
    @pytest.fixture(autouse=True, params=["broken", "redis-unreachable"])
    def broken_cache(self, request, settings):
        if request.param == "broken":
            settings.CACHES = {"default": {"BACKEND": f"{__name__}.BrokenCache"}}
        else:
            # The production backend, as settings configures it, with no server to answer.
            settings.CACHES = {
                "default": {
                    "BACKEND": "django_redis.cache.RedisCache",
                    "LOCATION": "redis://127.0.0.1:1/0",
                    "KEY_PREFIX": "newsroom",
                    "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
                }
            }

    def test_pages_are_served_uncached(self, reader, story, caplog):
        for url in ("/", story.get_absolute_url(), "/institutions/mazhilis/"):
            response = reader.get(url)
            assert response.status_code == 200
            assert "Mazhilis ratifies" in response.text
        assert "Page cache unavailable" in caplog.text

    def test_an_edit_still_saves(self, reader, story, committed, caplog):
        with committed():
            story.title = "Mazhilis ratifies the treaty"
            story.save()
        assert "Mazhilis ratifies the treaty" in reader.get("/").text
        assert "Page cache unavailable" in caplog.text


SOON = timezone.now() + dt.timedelta(hours=1)


def comes_soon():
    return SOON


def comes_later():
    return SOON + dt.timedelta(hours=1)


def nothing_scheduled():
    return None


class ScheduleTests:
    def test_the_earliest_scheduled_change_ends_the_version(self, settings):
        settings.NEWSROOM_PAGE_CACHE_SCHEDULE = [
            f"{__name__}.{name}" for name in ("comes_later", "nothing_scheduled", "comes_soon")
        ]
        assert start_content_version().next_change == SOON

    def test_without_a_scheduled_change_the_version_lasts(self, settings):
        settings.NEWSROOM_PAGE_CACHE_SCHEDULE = [f"{__name__}.nothing_scheduled"]
        assert start_content_version().next_change is None


class VersionRaceTests:
    def test_a_scheduled_time_another_process_stored_is_kept(self, story, committed):
        # Another process published a scheduled article and stored its time after this
        # process's query found none: starting a version here must not forget it.
        coming = timezone.now() + dt.timedelta(hours=1)
        stored = start_content_version()
        cache.set(VERSION_KEY, (stored.token, stored.changed, coming), timeout=None)
        assert start_content_version().next_change == coming

    def test_a_release_retires_the_pages_of_the_one_before(self, reader, story, committed):
        cached(reader, "/")
        before = stored_content_version()
        with committed():
            call_command("migrate", verbosity=0)
        assert stored_content_version().token != before.token

    def test_a_page_stored_in_another_shape_is_rendered_again(self, reader, story):
        reader.get("/")
        key = _page_key(RequestFactory().get("/"))
        token, (body, _), headers, *_ = cache.get(key)
        assert b"Mazhilis ratifies" in cache.get(body)
        # As an earlier release stored pages: the page itself, without its nonce.
        cache.set(key, (token, b"x", headers))
        response = reader.get("/")
        assert response.status_code == 200
        assert "Mazhilis ratifies" in response.text


# Real commits; the database is put back as the other committing tests expect it.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
class CommittedChangeTests:
    def test_a_failed_relink_after_a_deletion_still_retires_the_pages(
        self, reader, monkeypatch, caplog
    ):
        make_institution("Senate of the Republic", slug="senate")
        assert "Senate of the Republic" in cached(reader, "/institutions/").text

        def broken_relink(batch):
            raise RuntimeError("relink failed")

        monkeypatch.setattr(_RelinkBatch, "__call__", broken_relink)
        Institution.objects.get(slug="senate").delete()
        assert "Senate of the Republic" not in reader.get("/institutions/").text
        assert "relink failed" in caplog.text
