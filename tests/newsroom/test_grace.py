"""Grace: a page an edit retired is served as it was while a background task renders it
again, so no reader waits for the rendering; the task's page replaces it."""

import time

import brotli
import pytest
from django.test import Client
from django_tasks_db.models import DBTaskResult

from articles import services
from articles.models import Article
from newsroom import grace
from tests.factories import make_article

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def in_grace(settings):
    """A site with a task worker: tasks wait in the database until run here."""
    settings.NEWSROOM_PAGE_CACHE_GRACE = 10
    settings.TASKS = DATABASE_TASKS


@pytest.fixture
def story(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return make_article("Budget passes", body="The chamber voted.")


@pytest.fixture
def edit(django_capture_on_commit_callbacks, editor):
    def change(article, **fields):
        with django_capture_on_commit_callbacks(execute=True):
            for name, value in fields.items():
                setattr(article, name, value)
            services.article_save(article=article, by=editor)

    return change


def refreshes():
    return DBTaskResult.objects.filter(task_path=grace.refresh_page.module_path)


def run_refreshes():
    for queued in refreshes():
        grace.refresh_page.call(*queued.args_kwargs["args"])
    refreshes().delete()


class GraceTests:
    def test_an_edited_page_is_served_as_it_was_while_it_renders_again(
        self, in_grace, story, edit, django_assert_num_queries
    ):
        reader, url = Client(), story.get_absolute_url()
        reader.get(url)
        edit(story, title="Budget passes at last")
        DBTaskResult.objects.all().delete()  # what the edit itself queued
        # The first reader queues the rendering; the others are served from the cache alone.
        for queries in (1, 0, 0):
            with django_assert_num_queries(queries):
                response = reader.get(url)
            assert response["X-Cache"] == "STALE"
            assert "Budget passes at last" not in response.text
        assert refreshes().count() == 1

    def test_a_page_served_in_grace_is_its_stored_brotli_copy(self, in_grace, story, edit):
        reader, url = Client(), story.get_absolute_url()
        plain = reader.get(url)
        edit(story, title="Budget passes at last")
        response = reader.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
        assert response["X-Cache"] == "STALE"
        assert response["Content-Encoding"] == "br"
        assert brotli.decompress(response.content) == plain.content

    def test_the_rendering_replaces_it(self, in_grace, story, edit, django_assert_num_queries):
        reader, url = Client(), story.get_absolute_url()
        reader.get(url)
        edit(story, title="Budget passes at last")
        reader.get(url)
        run_refreshes()
        with django_assert_num_queries(0):
            response = reader.get(url)
        assert response["X-Cache"] == "HIT"
        assert "Budget passes at last" in response.text

    def test_a_page_retired_longer_ago_than_grace_is_rendered_for_the_reader(
        self, in_grace, story, edit, monkeypatch
    ):
        reader, url = Client(), story.get_absolute_url()
        reader.get(url)
        edit(story, title="Budget passes at last")
        later = time.time() + 11
        monkeypatch.setattr(grace.time, "time", lambda: later)
        response = reader.get(url)
        assert response["X-Cache"] == "MISS"
        assert "Budget passes at last" in response.text

    def test_an_unpublished_page_is_dropped_when_its_rendering_finds_it_gone(
        self, in_grace, story, edit
    ):
        reader, url = Client(), story.get_absolute_url()
        reader.get(url)
        edit(story, status=Article.Status.DRAFT)
        assert reader.get(url)["X-Cache"] == "STALE"
        run_refreshes()
        assert reader.get(url).status_code == 404

    def test_without_a_worker_an_edit_is_rendered_for_the_next_reader(self, story, edit):
        reader, url = Client(), story.get_absolute_url()
        reader.get(url)
        edit(story, title="Budget passes at last")
        response = reader.get(url)
        assert response["X-Cache"] == "MISS"
        assert "Budget passes at last" in response.text

    def test_a_draft_saved_leaves_the_page_fresh(self, in_grace, story, edit):
        reader, url = Client(), story.get_absolute_url()
        reader.get(url)
        draft = make_article("Next week", status=Article.Status.DRAFT)
        edit(draft, title="Next week's budget")
        assert reader.get(url)["X-Cache"] == "HIT"
        assert not refreshes().exists()
