"""Purging an edge cache by key: a change sends one PURGE naming the keys it touched."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django_tasks_db.models import DBTaskResult

from articles import services
from articles.models import Article
from newsroom.purging import EdgePurgeError, purge_edge
from tests.articles.test_tasks import run_worker
from tests.factories import make_article, make_institution

pytestmark = pytest.mark.django_db


class PurgeReceiver(ThreadingHTTPServer):
    """An edge cache's purge endpoint: records each purge's keys; answers ``status``."""

    def __init__(self):
        super().__init__(("127.0.0.1", 0), PurgeHandler)
        self.purges, self.status = [], 200

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}/"

    def purged_keys(self):
        return {key for purge in self.purges for key in purge}


class PurgeHandler(BaseHTTPRequestHandler):
    def do_PURGE(self):
        self.server.purges.append(self.headers["xkey"].split())
        self.send_response(self.server.status)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def edge(settings):
    receiver = PurgeReceiver()
    thread = threading.Thread(target=receiver.serve_forever, daemon=True)
    thread.start()
    settings.NEWSROOM_EDGE_PURGE_URL = receiver.url
    settings.NEWSROOM_EDGE_KEY_HEADERS = ["xkey"]
    yield receiver
    receiver.shutdown()
    receiver.server_close()


@pytest.fixture
def story(committed):
    with committed():
        make_institution("Mazhilis", slug="mazhilis")
        return make_article("Mazhilis ratifies agreement", body="The Mazhilis voted.")


class EdgePurgeTests:
    def test_an_edit_purges_the_keys_on_the_pages_that_show_it(
        self, client, edge, story, editor, committed
    ):
        page_keys = set(client.get(story.get_absolute_url())["xkey"].split())
        edge.purges.clear()
        with committed():
            story.title = "Mazhilis ratifies the treaty"
            services.article_save(article=story, by=editor)
        assert len(edge.purges) == 1, "one purge for all the keys of one save"
        assert f"article-{story.pk}" in edge.purged_keys() & page_keys
        assert "all" not in edge.purged_keys()

    def test_saving_a_draft_purges_nothing(self, edge, story, editor, committed):
        edge.purges.clear()
        with committed():
            draft = make_article("Secret plan", status=Article.Status.DRAFT)
            draft.body = "Still secret."
            services.article_save(article=draft, by=editor)
        assert edge.purges == []

    def test_many_keys_go_in_several_purges_each_of_a_bounded_header(self, edge):
        keys = [f"article-{number}" for number in range(2000)]
        purge_edge(keys)
        assert len(edge.purges) > 1
        assert edge.purged_keys() == set(keys)

    def test_a_refused_purge_is_an_error_naming_the_edge(self, edge):
        edge.status = 403
        with pytest.raises(EdgePurgeError, match="answered 403"):
            purge_edge(["article-1"])

    def test_an_unreachable_edge_is_an_error_naming_it(self, settings):
        settings.NEWSROOM_EDGE_PURGE_URL = "http://127.0.0.1:1/"
        with pytest.raises(EdgePurgeError, match=r"127\.0\.0\.1:1"):
            purge_edge(["article-1"])

    def test_an_edit_saves_even_when_the_edge_is_down(
        self, client, story, editor, committed, settings, caplog
    ):
        settings.NEWSROOM_EDGE_PURGE_URL = "http://127.0.0.1:1/"
        with committed():
            story.title = "Mazhilis ratifies the treaty"
            services.article_save(article=story, by=editor)
        assert Article.objects.get(pk=story.pk).title == "Mazhilis ratifies the treaty"
        assert "Mazhilis ratifies the treaty" in client.get(story.get_absolute_url()).text


# The worker closes a connection it finds inside a transaction (as between tasks in
# production), so this test commits for real; the groups the migrations made are restored.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
class RepurgeTests:
    def test_with_a_worker_the_edge_is_purged_again_after_renders_in_flight_end(
        self, edge, story, editor, committed, settings
    ):
        settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
        with committed():
            story.title = "Mazhilis ratifies the treaty"
            services.article_save(article=story, by=editor)
        run_worker()
        again = DBTaskResult.objects.filter(task_path="newsroom.purging.retire_again")
        waits = [(task.run_after - task.enqueued_at).total_seconds() for task in again]
        delays = sorted(round(seconds) for seconds in waits)
        assert delays == [1]
        assert f"article-{story.pk}" in edge.purged_keys()
