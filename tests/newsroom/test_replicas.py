"""Read replicas: readers' reads go to a replica; editors' and any after a write, to the
primary."""

import datetime as dt
import os
import subprocess
import sys

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django_tasks_db.models import DBTaskResult

from articles.models import Article
from newsroom.cache_keys import retire_keys
from newsroom.replicas import ReplicaReadsMiddleware, ReplicaRouter

DATABASES = {"default": {}, "replica0": {}, "replica1": {}}


@pytest.fixture
def with_replicas(settings):
    settings.DATABASES = DATABASES


def reads_during(request, *, write_first=False):
    """The database the router picks for a read while ``request`` is served."""
    router = ReplicaRouter()
    seen = []

    def view(request):
        if write_first:
            router.db_for_write(Article)
        seen.append(router.db_for_read(Article))
        return HttpResponse()

    ReplicaReadsMiddleware(view)(request)
    return seen[0]


class ReplicaRouterTests:
    def test_a_reader_without_a_session_reads_from_a_replica(self, with_replicas):
        assert reads_during(RequestFactory().get("/")) in {"replica0", "replica1"}

    def test_someone_with_a_session_reads_from_the_primary(self, with_replicas, settings):
        request = RequestFactory().get("/")
        request.COOKIES[settings.SESSION_COOKIE_NAME] = "a-session"
        assert reads_during(request) == "default"

    def test_reads_after_a_write_stay_on_the_primary(self, with_replicas):
        assert reads_during(RequestFactory().get("/"), write_first=True) == "default"

    def test_a_post_reads_from_the_primary(self, with_replicas):
        assert reads_during(RequestFactory().post("/")) == "default"

    def test_outside_a_request_reads_come_from_the_primary(self, with_replicas):
        assert ReplicaRouter().db_for_read(Article) == "default"

    def test_without_replicas_everything_is_on_the_primary(self):
        assert reads_during(RequestFactory().get("/")) == "default"

    def test_only_the_primary_is_migrated(self):
        assert ReplicaRouter().allow_migrate("default", "articles")
        assert not ReplicaRouter().allow_migrate("replica0", "articles")


@pytest.mark.django_db
class ReplicaLagTests:
    def test_with_replicas_pages_are_retired_again_once_replicas_caught_up(
        self, settings, django_capture_on_commit_callbacks
    ):
        settings.DATABASES = {**settings.DATABASES, "replica0": settings.DATABASES["default"]}
        # What the settings choose with replicas (the test at the end of this file).
        settings.NEWSROOM_REPURGE_SECONDS = [1, 5]
        settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
        with django_capture_on_commit_callbacks(execute=True):
            retire_keys("article-1")
        again = DBTaskResult.objects.filter(task_path="newsroom.purging.retire_again").latest(
            "enqueued_at"
        )
        # Keys an earlier rolled-back transaction asked for may ride along.
        assert "article-1" in again.args_kwargs["args"][0]
        assert again.run_after >= again.enqueued_at + dt.timedelta(seconds=4)


@pytest.mark.parametrize(
    "replicas, seconds",
    [("", [1]), ("postgres://postgres@127.0.0.1:5432/replica", [1, 5])],
)
def test_pages_are_retired_again_at_five_seconds_only_with_replicas(replicas, seconds):
    """The 5 s pass waits for replicas to catch up; without them the 1 s pass, for a page
    in flight as its keys were retired, is the only one."""
    environment = {**os.environ, "DATABASE_REPLICA_URLS": replicas}
    environment.pop("NEWSROOM_REPURGE_SECONDS", None)
    read = "from django.conf import settings; print(settings.NEWSROOM_REPURGE_SECONDS)"
    shown = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {read}"],
        env={**environment, "DJANGO_SETTINGS_MODULE": "newsroom.settings"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert shown.stdout.strip() == str(seconds)
