"""Purging Fastly and Cloudflare through their APIs, against a stand-in API on loopback:
what each request is, how keys are batched, what a refusal raises, and which settings
the site refuses to start with."""

import datetime as dt
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace

import pytest
from django.core.exceptions import ImproperlyConfigured
from django_tasks_db.models import DBTaskResult

from articles import services
from newsroom import edge_purgers
from newsroom.purging import PURGE_RETRY_SECONDS, EdgePurgeError, purge_edge, purge_edge_pages
from tests.factories import make_article
from tests.test_settings import run_django

pytestmark = pytest.mark.django_db


class StandIn(ThreadingHTTPServer):
    """An API that records each request and answers ``status`` with ``body``."""

    def __init__(self, log):
        super().__init__(("127.0.0.1", 0), Recorder)
        self.log, self.status, self.body = log, 200, b'{"success": true}'

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}"

    @property
    def requests(self):
        return [request for request in self.log if request["server"] is self]


class Recorder(BaseHTTPRequestHandler):
    def record(self):
        length = int(self.headers.get("Content-Length") or 0)
        self.server.log.append(
            {
                "server": self.server,
                "method": self.command,
                "path": self.path,
                "headers": self.headers,
                "body": self.rfile.read(length),
            }
        )
        self.send_response(self.server.status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(self.server.body)

    do_POST = do_PURGE = record

    def log_message(self, *args):
        pass


@pytest.fixture
def log():
    return []


def serve(log):
    server = StandIn(log)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def stand_ins(log):
    servers = []
    yield lambda: servers.append(serve(log)) or servers[-1]
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def fastly(settings, stand_ins):
    api = stand_ins()
    settings.FASTLY_API_URL = api.url
    settings.FASTLY_API_TOKEN = "fastly-token"
    settings.FASTLY_SERVICE_ID = "SU1Z0isxPaozGVKXdv0eY"
    settings.NEWSROOM_EDGE_KEY_HEADERS = ["Surrogate-Key"]
    return api


@pytest.fixture
def cloudflare(settings, stand_ins):
    api = stand_ins()
    settings.CLOUDFLARE_API_URL = f"{api.url}/client/v4"
    settings.CLOUDFLARE_API_TOKEN = "cloudflare-token"
    settings.CLOUDFLARE_ZONE_ID = "023e105f4ecef8ad9ca31a8372d0c353"
    settings.NEWSROOM_EDGE_KEY_HEADERS = ["Cache-Tag"]
    return api


def purged_keys(requests, separator=" "):
    return [request["headers"]["Surrogate-Key"].split(separator) for request in requests]


class FastlyPurgeTests:
    def test_an_edit_sends_one_batch_purge_naming_the_keys_its_pages_carry(
        self, client, fastly, editor, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            story = make_article("Mazhilis ratifies agreement")
        page_keys = set(client.get(story.get_absolute_url())["Surrogate-Key"].split())
        fastly.log.clear()
        with django_capture_on_commit_callbacks(execute=True):
            story.title = "Mazhilis ratifies the treaty"
            services.article_save(article=story, by=editor)
        (purge,) = fastly.requests
        assert purge["method"] == "POST"
        assert purge["path"] == "/service/SU1Z0isxPaozGVKXdv0eY/purge"
        assert purge["headers"]["Fastly-Key"] == "fastly-token"
        assert f"article-{story.pk}" in set(purged_keys([purge])[0]) & page_keys

    def test_keys_go_256_to_a_request(self, fastly):
        keys = [f"article-{number}" for number in range(600)]
        purge_edge(keys)
        batches = purged_keys(fastly.requests)
        assert [len(batch) for batch in batches] == [256, 256, 88]
        assert {key for batch in batches for key in batch} == set(keys)

    def test_a_refusal_is_an_error_naming_fastly_its_status_and_answer(self, fastly):
        fastly.status, fastly.body = 401, b'{"msg": "Provided credentials are missing or invalid"}'
        with pytest.raises(EdgePurgeError, match=r"Fastly purge .* answered 401: .*credentials"):
            purge_edge(["article-1"])

    def test_an_unreachable_api_is_an_error_naming_fastly(self, fastly, settings):
        settings.FASTLY_API_URL = "http://127.0.0.1:1"
        with pytest.raises(EdgePurgeError, match=r"Fastly purge at http://127\.0\.0\.1:1/"):
            purge_edge(["article-1"])


class CloudflarePurgeTests:
    def test_a_purge_posts_the_tags_with_the_bearer_token(self, cloudflare):
        purge_edge(["entity-7", "article-3"])
        (purge,) = cloudflare.requests
        assert purge["method"] == "POST"
        assert purge["path"] == "/client/v4/zones/023e105f4ecef8ad9ca31a8372d0c353/purge_cache"
        assert purge["headers"]["Authorization"] == "Bearer cloudflare-token"
        assert purge["headers"]["Content-Type"] == "application/json"
        assert json.loads(purge["body"]) == {"tags": ["article-3", "entity-7"]}

    def test_pages_carry_their_keys_in_cache_tag(self, client, cloudflare):
        story = make_article("Mazhilis ratifies agreement")
        tags = client.get(story.get_absolute_url())["Cache-Tag"].split(",")
        assert f"article-{story.pk}" in tags

    def test_tags_go_30_to_a_request(self, cloudflare):
        keys = [f"article-{number}" for number in range(70)]
        purge_edge(keys)
        batches = [json.loads(request["body"])["tags"] for request in cloudflare.requests]
        assert [len(batch) for batch in batches] == [30, 30, 10]
        assert {key for batch in batches for key in batch} == set(keys)

    def test_an_answer_that_says_it_failed_is_an_error_with_cloudflares_reason(self, cloudflare):
        cloudflare.body = b'{"success": false, "errors": [{"code": 1134, "message": "Bad tag"}]}'
        with pytest.raises(EdgePurgeError, match=r"Cloudflare purge .* did not succeed.*Bad tag"):
            purge_edge(["article-1"])

    def test_a_refusal_is_an_error_naming_cloudflare_and_its_status(self, cloudflare):
        cloudflare.status = 429
        with pytest.raises(EdgePurgeError, match=r"Cloudflare purge .* answered 429"):
            purge_edge(["article-1"])


class EdgeOrderTests:
    def test_varnish_is_purged_before_the_cdn_in_front_of_it(self, settings, fastly, stand_ins):
        varnish = stand_ins()
        settings.NEWSROOM_EDGE_PURGE_URL = f"{varnish.url}/"
        purge_edge(["article-1"])
        assert [request["method"] for request in fastly.log] == ["PURGE", "POST"]
        assert fastly.log[0]["headers"]["xkey"] == "article-1"

    def test_only_the_edges_named_are_purged(self, settings, fastly, cloudflare):
        settings.NEWSROOM_EDGE_PURGERS = ["cloudflare"]
        purge_edge(["article-1"])
        assert fastly.requests == []
        assert len(cloudflare.requests) == 1


class PurgeRetryTests:
    def test_a_failed_purge_is_tried_again_later_then_given_up(self, fastly, settings):
        settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
        fastly.status = 503
        for attempt in range(len(PURGE_RETRY_SECONDS) + 1):
            with pytest.raises(EdgePurgeError, match=r"Fastly .* answered 503"):
                purge_edge_pages.call(["article-1"], attempt)
        retries = DBTaskResult.objects.filter(task_path="newsroom.purging.purge_edge_pages")
        assert sorted(retry.args_kwargs["args"][1] for retry in retries) == [1, 2, 3]
        first = retries.get(args_kwargs__args__1=1)
        assert first.run_after >= first.enqueued_at + dt.timedelta(
            seconds=PURGE_RETRY_SECONDS[0] - 1
        )


def config(**values):
    return SimpleNamespace(**{"NEWSROOM_EDGE_PURGERS": [], **values})


class EdgeSettingsTests:
    def test_an_edge_is_purged_when_all_its_settings_are_set(self):
        assert edge_purgers.enabled(config()) == []
        both = config(CLOUDFLARE_API_TOKEN="t", CLOUDFLARE_ZONE_ID="z", NEWSROOM_EDGE_PURGE_URL="u")
        assert edge_purgers.enabled(both) == ["varnish", "cloudflare"]

    @pytest.mark.parametrize(
        ("given", "missing"),
        [
            ({"FASTLY_API_TOKEN": "t"}, "FASTLY_SERVICE_ID"),
            ({"FASTLY_SERVICE_ID": "s"}, "FASTLY_API_TOKEN"),
            ({"CLOUDFLARE_API_TOKEN": "t"}, "CLOUDFLARE_ZONE_ID"),
            ({"CLOUDFLARE_ZONE_ID": "z"}, "CLOUDFLARE_API_TOKEN"),
        ],
    )
    def test_half_a_pair_of_credentials_is_refused_naming_the_other(self, given, missing):
        with pytest.raises(ImproperlyConfigured, match=f"but {missing} is not"):
            edge_purgers.enabled(config(**given))

    def test_an_unknown_edge_is_refused(self):
        with pytest.raises(ImproperlyConfigured, match="NEWSROOM_EDGE_PURGERS names akamai"):
            edge_purgers.enabled(config(NEWSROOM_EDGE_PURGERS=["akamai"]))

    def test_an_edge_named_without_its_settings_is_refused(self):
        with pytest.raises(ImproperlyConfigured, match="names fastly, but FASTLY_API_TOKEN"):
            edge_purgers.enabled(config(NEWSROOM_EDGE_PURGERS=["fastly"]))

    def test_pages_carry_the_keys_the_purged_edges_read(self):
        assert edge_purgers.key_headers([], ["varnish", "fastly"]) == ["xkey", "Surrogate-Key"]
        assert edge_purgers.key_headers(["xkey", "Cache-Tag"], ["cloudflare"]) == [
            "xkey",
            "Cache-Tag",
        ]
        with pytest.raises(
            ImproperlyConfigured, match="NEWSROOM_EDGE_KEY_HEADERS leaves out Cache"
        ):
            edge_purgers.key_headers(["xkey"], ["cloudflare"])

    def test_the_site_refuses_to_start_with_half_a_pair(self):
        result = run_django(DJANGO_DEBUG="1", FASTLY_API_TOKEN="t", FASTLY_SERVICE_ID="")
        assert result.returncode != 0
        assert "FASTLY_API_TOKEN is set but FASTLY_SERVICE_ID is not" in result.stderr

    def test_the_site_starts_with_a_cdn_and_sends_its_keys(self):
        show = [
            "shell",
            "-c",
            "from django.conf import settings; print(settings.NEWSROOM_EDGE_KEY_HEADERS)",
        ]
        result = run_django(
            show, DJANGO_DEBUG="1", CLOUDFLARE_API_TOKEN="t", CLOUDFLARE_ZONE_ID="z"
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.splitlines()[-1] == "['Cache-Tag']"
