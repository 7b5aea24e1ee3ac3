"""Webhooks: signed POSTs to editors' addresses when readers' articles change."""

import datetime
import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from api.models import Webhook, WebhookDelivery
from api.tasks import announce_article, deliver
from api.webhooks import MAX_ATTEMPTS, retry_delay
from articles.models import Article
from articles.services import article_save
from tests.factories import make_article

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class Receiver:
    """A real HTTP server on a free port, answering with the given statuses in turn."""

    def __init__(self, statuses=(200,)):
        self.requests, self.statuses = [], list(statuses)
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append((dict(self.headers), body))
                status = (
                    receiver.statuses.pop(0) if len(receiver.statuses) > 1 else receiver.statuses[0]
                )
                self.send_response(status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def events(self):
        return [json.loads(body)["event"] for _, body in self.requests]


@pytest.fixture
def receiver():
    receiver = Receiver()
    yield receiver
    receiver.server.shutdown()


@pytest.fixture
def hook(receiver):
    return Webhook.objects.create(url=receiver.url, secret="s3cret")


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what commits trigger (the webhook tasks), as a real commit would."""

    def run(change, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return change(*args, **kwargs)

    return run


def edit(article, **changes):
    for field, value in changes.items():
        setattr(article, field, value)
    return article_save(article=article, by=None)


class EventTests:
    def test_publishing_posts_the_article_signed_with_the_hooks_secret(
        self, receiver, hook, committed
    ):
        article = committed(make_article, "Session opens")
        ((headers, body),) = receiver.requests
        payload = json.loads(body)
        assert payload["event"] == "article.published"
        assert payload["article"]["slug"] == "session-opens"
        assert payload["article"]["api_url"].endswith("/api/v1/articles/session-opens")
        timestamp = headers["X-Newsroom-Timestamp"]
        expected = hmac.new(b"s3cret", timestamp.encode() + b"." + body, hashlib.sha256)
        assert headers["X-Newsroom-Signature"] == "sha256=" + expected.hexdigest()
        assert headers["X-Newsroom-Event"] == "article.published"
        delivery = WebhookDelivery.objects.get()
        assert (delivery.status, delivery.attempts, delivery.response_status) == (
            WebhookDelivery.Status.DELIVERED,
            1,
            200,
        )
        assert delivery.article == article

    def test_updates_and_unpublishing_are_announced(self, receiver, hook, committed):
        article = committed(make_article, "Session opens")
        committed(edit, article, title="Session opens late")
        committed(edit, article, status=Article.Status.DRAFT)
        assert receiver.events() == ["article.published", "article.updated", "article.unpublished"]
        assert "title" not in json.loads(receiver.requests[-1][1])["article"]

    def test_drafts_are_never_announced(self, receiver, hook, committed):
        article = committed(make_article, "Secret", status=Article.Status.DRAFT)
        committed(edit, article, title="Still secret")
        assert receiver.requests == []
        assert not WebhookDelivery.objects.exists()

    def test_inactive_hooks_get_nothing(self, receiver, hook, committed):
        hook.is_active = False
        hook.save()
        committed(make_article, "Session opens")
        assert receiver.requests == []

    def test_without_active_hooks_a_save_queues_nothing(self, settings, hook, committed):
        settings.TASKS = DATABASE_TASKS
        hook.is_active = False
        hook.save()
        committed(make_article, "Session opens")
        assert not DBTaskResult.objects.exists()


def announced():
    """The deliveries logged, oldest first, by event."""
    return [d.event for d in WebhookDelivery.objects.order_by("created_at", "pk")]


class ScheduledTests:
    """A scheduled article is announced when it comes out, by a task queued to run then."""

    @pytest.fixture
    def queued(self, settings):
        settings.TASKS = DATABASE_TASKS

        def announcements():
            return list(
                DBTaskResult.objects.filter(task_path=announce_article.module_path).order_by(
                    "enqueued_at"
                )
            )

        return announcements

    @staticmethod
    def run_at(moment, monkeypatch, result):
        monkeypatch.setattr(timezone, "now", lambda: moment)
        announce_article.call(*result.args_kwargs["args"])

    def test_comes_out_announced_at_its_time(self, receiver, hook, committed, queued, monkeypatch):
        out_at = timezone.now() + datetime.timedelta(hours=2)
        committed(make_article, "Budget vote", published_at=out_at)
        (announcement,) = queued()
        assert announcement.run_after == out_at
        assert receiver.requests == []
        self.run_at(out_at + datetime.timedelta(seconds=1), monkeypatch, announcement)
        assert announced() == ["article.published"]

    def test_editing_it_before_its_time_queues_nothing_more(self, hook, committed, queued):
        out_at = timezone.now() + datetime.timedelta(hours=2)
        article = committed(make_article, "Budget vote", published_at=out_at)
        committed(edit, article, title="Budget vote tonight")
        assert len(queued()) == 1

    def test_a_moved_time_is_announced_once_at_the_new_time(
        self, receiver, hook, committed, queued, monkeypatch
    ):
        first = timezone.now() + datetime.timedelta(hours=2)
        later = first + datetime.timedelta(hours=1)
        article = committed(make_article, "Budget vote", published_at=first)
        committed(edit, article, published_at=later)
        committed(edit, article, published_at=first)
        at_first, at_later, at_first_again = queued()
        after = first + datetime.timedelta(hours=2)
        for announcement in (at_first, at_later, at_first_again):
            self.run_at(after, monkeypatch, announcement)
        assert announced() == ["article.published"]

    def test_unscheduled_before_its_time_is_never_announced(
        self, receiver, hook, committed, queued, monkeypatch
    ):
        out_at = timezone.now() + datetime.timedelta(hours=2)
        article = committed(make_article, "Budget vote", published_at=out_at)
        committed(edit, article, status=Article.Status.DRAFT)
        (announcement,) = queued()
        self.run_at(out_at + datetime.timedelta(seconds=1), monkeypatch, announcement)
        assert announced() == []

    def test_a_backend_that_cannot_wait_sends_nothing_early(self, receiver, hook, committed):
        committed(
            make_article, "Budget vote", published_at=timezone.now() + datetime.timedelta(hours=2)
        )
        assert receiver.requests == []


class DeletionTests:
    def test_deleting_a_published_article_announces_it_gone(self, receiver, hook, committed):
        article = committed(make_article, "Session opens")
        article_id = article.pk
        committed(article.delete)
        assert receiver.events() == ["article.published", "article.unpublished"]
        assert json.loads(receiver.requests[-1][1])["article"] == {"id": article_id}
        assert WebhookDelivery.objects.filter(event="article.unpublished").get().article is None

    def test_deleting_a_draft_announces_nothing(self, receiver, hook, committed):
        article = committed(make_article, "Secret", status=Article.Status.DRAFT)
        committed(article.delete)
        assert receiver.requests == []


class RetryTests:
    def test_a_failed_delivery_is_tried_again_until_it_lands(self, hook, receiver, committed):
        receiver.statuses = [500, 503, 200]
        committed(make_article, "Session opens")
        delivery = WebhookDelivery.objects.get()
        assert (delivery.status, delivery.attempts) == (WebhookDelivery.Status.DELIVERED, 3)
        assert len(receiver.requests) == 3

    def test_a_receiver_that_never_answers_is_given_up_on(self, committed):
        Webhook.objects.create(url="http://127.0.0.1:9/nothing-listens-here")
        committed(make_article, "Session opens")
        delivery = WebhookDelivery.objects.get()
        assert (delivery.status, delivery.attempts) == (WebhookDelivery.Status.FAILED, MAX_ATTEMPTS)
        assert delivery.response_status is None
        assert delivery.error

    def test_the_worker_waits_longer_after_each_failure(self, settings, hook, receiver, committed):
        settings.TASKS = DATABASE_TASKS
        receiver.statuses = [500]
        committed(make_article, "Session opens")
        # The save only queued the announcement; nothing was sent while saving.
        assert receiver.requests == []
        announcement = DBTaskResult.objects.get()
        assert announcement.task_path == announce_article.module_path
        announce_article.call(*announcement.args_kwargs["args"])
        delivery = WebhookDelivery.objects.get()
        deliver.call(delivery.pk)
        delivery.refresh_from_db()
        assert delivery.attempts == 1 and delivery.response_status == 500
        retry = DBTaskResult.objects.filter(task_path=deliver.module_path).latest("enqueued_at")
        assert retry.run_after == delivery.next_attempt_at
        assert delivery.next_attempt_at - delivery.last_attempt_at == retry_delay(1)
        assert retry_delay(2) == 4 * retry_delay(1)


class AdminTests:
    def test_editors_register_hooks_and_read_the_log(self, editor_client, receiver, committed):
        response = editor_client.post(
            "/admin/api/webhook/add/",
            {
                "url": receiver.url,
                "description": "Partner site",
                "is_active": "on",
                "secret": "shared",
            },
        )
        assert response.status_code == 302
        committed(make_article, "Session opens")
        log = editor_client.get("/admin/api/webhookdelivery/")
        assert "Partner site" in log.text and "Delivered" in log.text

    def test_the_log_cannot_be_written(self, editor_client, hook, committed):
        committed(make_article, "Session opens")
        delivery = WebhookDelivery.objects.get()
        assert editor_client.get("/admin/api/webhookdelivery/add/").status_code == 403
        page = editor_client.get(f"/admin/api/webhookdelivery/{delivery.pk}/change/")
        assert page.status_code == 200 and 'name="_save"' not in page.text

    def test_reporters_cannot_see_hooks(self, reporter_client, hook):
        assert reporter_client.get("/admin/api/webhook/").status_code == 403


class RollbackTests:
    def test_a_save_rolled_back_is_never_announced(self, receiver, hook, committed):
        def publish_then_fail():
            with transaction.atomic():
                make_article("Never happened")
                raise RuntimeError("the save failed after the article was written")

        with pytest.raises(RuntimeError):
            committed(publish_then_fail)
        committed(make_article, "Session opens")
        assert [json.loads(body)["article"]["slug"] for _, body in receiver.requests] == [
            "session-opens"
        ]

    def test_a_change_undone_before_the_worker_ran_is_not_announced(
        self, settings, receiver, hook, committed
    ):
        settings.TASKS = DATABASE_TASKS
        article = committed(make_article, "Session opens")
        committed(edit, article, status=Article.Status.DRAFT)
        for queued in DBTaskResult.objects.order_by("enqueued_at"):
            announce_article.call(*queued.args_kwargs["args"])
        assert [d.event for d in WebhookDelivery.objects.all()] == ["article.unpublished"]
