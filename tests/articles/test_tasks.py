import signal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from articles.linking import relinking
from articles.models import Article
from institutions.models import RelinkJob
from tests.factories import make_article, make_institution

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def add_alias_form(institution, alias):
    """The institution's change form as the admin posts it, with one alias added."""
    return {
        "name": institution.name,
        "slug": institution.slug,
        "classification": institution.classification,
        "aliases-TOTAL_FORMS": "1",
        "aliases-INITIAL_FORMS": "0",
        "aliases-0-name": alias,
        "aliases-0-kind": "name",
        "posts-TOTAL_FORMS": "0",
        "posts-INITIAL_FORMS": "0",
    }


def links_line(client, institution):
    """The "Links" line of the institution's change page."""
    response = client.get(f"/admin/institutions/institution/{institution.pk}/change/")
    assert response.status_code == 200
    text = response.text
    start = text.index('<div class="readonly">', text.index("Links:</label>"))
    state = text[start + len('<div class="readonly">') : text.index("</div>", start)]
    return f"Links: {state}"


def relink_results():
    # Saves also queue the retirement of the cached pages they change.
    return DBTaskResult.objects.filter(task_path="articles.tasks.relink_job")


def newest_job():
    return RelinkJob.objects.first()


@pytest.fixture
def mazhilis(django_capture_on_commit_callbacks):
    # Committed, with its own relink: the changes under test each make a job of their own.
    with django_capture_on_commit_callbacks(execute=True):
        return make_institution("Mazhilis", slug="mazhilis", classification="chamber")


def run_worker():
    """Run the task worker until the queue is empty, in this process.

    The worker takes over SIGINT, SIGTERM and SIGQUIT for a graceful stop and leaves them
    so; the test process gets its own back, or a process it forks later ignores SIGTERM.
    """
    taken = (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)
    handlers = {number: signal.getsignal(number) for number in taken}
    try:
        call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", stdout=StringIO())
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)


# The worker closes a connection it finds inside a transaction (as between tasks in
# production), so these tests commit for real instead of running in one; the groups the
# migrations made are restored after each.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
class BackgroundRelinkTests:
    def test_an_alias_saved_in_the_admin_is_relinked_by_the_worker(
        self, editor_client, mazhilis, settings, django_capture_on_commit_callbacks
    ):
        settings.TASKS = DATABASE_TASKS
        article = make_article(body="The Majilis met on Tuesday.")
        with django_capture_on_commit_callbacks(execute=True):
            response = editor_client.post(
                f"/admin/institutions/institution/{mazhilis.pk}/change/",
                add_alias_form(mazhilis, "Majilis"),
            )
        assert response.status_code == 302

        assert not Article.objects.get(pk=article.pk).mentions.exists()
        assert newest_job().state == RelinkJob.State.QUEUED
        assert relink_results().ready().count() == 1
        assert RelinkJob.objects.count() == 2
        assert "waiting to relink" in links_line(editor_client, mazhilis)

        run_worker()

        assert Article.objects.get(pk=article.pk).mentions.get().entity_id == mazhilis.pk
        job = newest_job()
        assert (job.state, job.total, job.done) == (RelinkJob.State.DONE, 1, 1)
        assert "up to date (relinked" in links_line(editor_client, mazhilis)
        assert "1 article)" in links_line(editor_client, mazhilis)

    def test_the_admin_shows_a_relink_in_progress(
        self, editor_client, mazhilis, settings, django_capture_on_commit_callbacks, monkeypatch
    ):
        settings.TASKS = DATABASE_TASKS
        make_article(body="The Majilis met on Tuesday.")
        make_article(body="The Majilis met on Wednesday.")
        with django_capture_on_commit_callbacks(execute=True):
            editor_client.post(
                f"/admin/institutions/institution/{mazhilis.pk}/change/",
                add_alias_form(mazhilis, "Majilis"),
            )
        seen = []
        relink = relinking.relink

        def watched_relink(articles, **kwargs):
            seen.append(links_line(editor_client, mazhilis))
            return relink(articles, **kwargs)

        monkeypatch.setattr(relinking, "CHUNK_SIZE", 1)
        monkeypatch.setattr(relinking, "relink", watched_relink)
        run_worker()
        assert seen == [
            "Links: relinking 2 articles (0 done)",
            "Links: relinking 2 articles (1 done)",
        ]

    def test_a_job_already_run_is_not_run_again(
        self, mazhilis, settings, django_capture_on_commit_callbacks, monkeypatch
    ):
        settings.TASKS = DATABASE_TASKS
        with django_capture_on_commit_callbacks(execute=True):
            mazhilis.aliases.create(name="Majilis")
        job = newest_job()
        relinking.run_relink_job(job)
        finished = newest_job().finished_at

        def relinked_twice(**kwargs):
            raise AssertionError("the job ran twice")

        monkeypatch.setattr(relinking, "relink_candidates", relinked_twice)
        run_worker()
        assert relink_results().successful().count() == 1
        assert newest_job().finished_at == finished

    def test_a_failed_relink_is_recorded_by_the_job_and_the_task(
        self, editor_client, mazhilis, settings, django_capture_on_commit_callbacks, monkeypatch
    ):
        settings.TASKS = DATABASE_TASKS
        make_article(body="The Majilis met on Tuesday.")
        with django_capture_on_commit_callbacks(execute=True):
            mazhilis.aliases.create(name="Majilis")

        def broken_link_article(article, **kwargs):
            raise RuntimeError("the linker broke")

        monkeypatch.setattr(relinking, "link_article", broken_link_article)
        run_worker()
        assert newest_job().state == RelinkJob.State.FAILED
        assert relink_results().failed().count() == 1
        assert links_line(editor_client, mazhilis) == "Links: failed: the linker broke"

    def test_editors_follow_the_jobs_in_a_read_only_list(
        self, editor_client, mazhilis, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            mazhilis.aliases.create(name="Majilis")
        listing = editor_client.get("/admin/institutions/relinkjob/")
        assert listing.status_code == 200
        assert listing.text.count('<td class="field-state">Done</td>') == 2
        job = newest_job()
        page = editor_client.get(f"/admin/institutions/relinkjob/{job.pk}/change/")
        assert "Majilis" in page.text
        assert 'name="state"' not in page.text

    def test_one_transaction_of_changes_is_one_job(self, mazhilis):
        article = make_article(body="The Majilis and the Mazhilisi met.")
        with transaction.atomic():
            mazhilis.aliases.create(name="Majilis")
            mazhilis.aliases.create(name="Mazhilisi")
            mazhilis.aliases.create(name="Мажилис")
        job = newest_job()
        assert sorted(job.spellings) == sorted(["Majilis", "Mazhilisi", "Мажилис"])
        assert job.state == RelinkJob.State.DONE
        assert article.mentions.get().entity_id == mazhilis.pk
