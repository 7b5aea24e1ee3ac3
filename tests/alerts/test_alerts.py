"""Following an institution or official by e-mail, as a reader goes through it: the form,
the confirmation, the daily digest and leaving."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from alerts.models import Subscription
from alerts.services import send_digests
from articles.models import Article
from tests.factories import make_article, make_institution, make_mention

pytestmark = pytest.mark.django_db

FOLLOW = "/alerts/follow/institution/mazhilis/"


@pytest.fixture
def mazhilis(settings):
    settings.NEWSROOM_SITE_URL = "https://news.example"
    return make_institution("Mazhilis", name_ru="Мажилис")


def link_in(message, name):
    (url,) = re.findall(
        rf"https://news\.example(/(?:[a-z]+/)?alerts/{name}/[^/\s]+/)", message.body
    )
    return url


@pytest.fixture
def follow(client, django_capture_on_commit_callbacks):
    """Post the follow form as a reader does; the mail it queues goes once it commits."""

    def post(email="Reader@Example.com", url=FOLLOW):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, {"email": email})

    return post


@pytest.fixture
def confirmed(client, follow, mazhilis):
    """A confirmed subscription to the Mazhilis."""
    follow()
    client.get(link_in(mail.outbox[-1], "confirm"))
    return Subscription.objects.get()


def mentioning(entity, title, **fields):
    article = make_article(title, **fields)
    make_mention(article, entity)
    return article


class FollowFormTests:
    def test_the_entity_page_offers_following_by_email(self, client, mazhilis):
        html = client.get("/institutions/mazhilis/").content.decode()
        assert f'<a href="{FOLLOW}">by e-mail</a>' in html

    def test_asking_sends_one_confirmation_and_nothing_else(self, client, mazhilis, follow):
        response = follow()
        assert response.status_code == 302
        assert response["Location"] == "/alerts/sent/"
        (message,) = mail.outbox
        assert message.to == ["reader@example.com"]
        assert message.subject == "Confirm your alert for Mazhilis"
        assert "/alerts/confirm/" in message.body
        subscription = Subscription.objects.get()
        assert not subscription.is_active

    def test_asking_again_within_the_hour_sends_nothing_more(self, client, mazhilis, follow):
        follow()
        follow("reader@example.com")
        assert len(mail.outbox) == 1
        assert Subscription.objects.count() == 1

    def test_a_bad_address_is_refused_with_the_form_kept(self, client, mazhilis, follow):
        response = follow("not-an-address")
        assert response.status_code == 200
        assert "Enter a valid email address." in response.text
        assert 'value="not-an-address"' in response.text
        assert not Subscription.objects.exists()
        assert mail.outbox == []

    def test_an_unknown_entity_is_not_found(self, client, mazhilis, follow):
        assert client.get("/alerts/follow/official/mazhilis/").status_code == 404
        assert follow(url="/alerts/follow/institution/nobody/").status_code == 404

    def test_the_pages_are_neither_cached_nor_indexed(self, client, mazhilis):
        response = client.get(FOLLOW)
        assert "no-store" in response["Cache-Control"]
        assert response["X-Robots-Tag"] == "noindex"

    def test_a_russian_reader_gets_russian_mail(self, client, mazhilis, follow):
        follow(url="/ru" + FOLLOW)
        assert mail.outbox[0].subject == "Подтвердите подписку: Мажилис"
        assert "/ru/alerts/confirm/" in mail.outbox[0].body


class ConfirmTests:
    def test_the_link_confirms(self, client, mazhilis, follow):
        follow()
        response = client.get(link_in(mail.outbox[0], "confirm"))
        assert response.status_code == 200
        assert "Alert confirmed" in response.text
        assert Subscription.objects.get().is_active

    def test_an_unknown_token_is_not_found(self, client, mazhilis):
        assert client.get("/alerts/confirm/forged-token/").status_code == 404


class DigestTests:
    def test_names_only_new_published_articles_mentioning_the_entity(
        self, client, mazhilis, confirmed
    ):
        subscription = confirmed
        mail.outbox.clear()
        mentioning(
            mazhilis,
            "Before confirming",
            published_at=subscription.confirmed_at - dt.timedelta(hours=1),
        )
        mentioning(mazhilis, "Budget passes", published_at=timezone.now())
        mentioning(mazhilis, "Secret", status=Article.Status.DRAFT)
        make_article("Unrelated", published_at=timezone.now())
        assert send_digests() == 1
        (message,) = mail.outbox
        assert message.subject == "New on Newsroom: Mazhilis"
        assert "Budget passes" in message.body
        assert "Before confirming" not in message.body
        assert "Secret" not in message.body
        assert "Unrelated" not in message.body

    def test_carries_one_click_unsubscribe_headers(self, client, mazhilis, confirmed):
        mentioning(mazhilis, "Budget passes", published_at=timezone.now())
        send_digests()
        headers = mail.outbox[-1].extra_headers
        assert re.fullmatch(
            r"<https://news\.example/alerts/unsubscribe/[^/]+/>", headers["List-Unsubscribe"]
        )
        assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    def test_nothing_new_sends_nothing_and_nothing_is_sent_twice(self, client, mazhilis, confirmed):
        mail.outbox.clear()
        assert send_digests() == 0
        mentioning(mazhilis, "Budget passes", published_at=timezone.now())
        assert send_digests() == 1
        assert send_digests() == 0
        assert len(mail.outbox) == 1

    def test_an_unconfirmed_address_gets_no_digest(self, client, mazhilis, follow):
        follow()
        mail.outbox.clear()
        mentioning(mazhilis, "Budget passes", published_at=timezone.now())
        assert send_digests() == 0
        assert mail.outbox == []

    def test_the_command_sends_them_through_the_task(self, client, mazhilis, confirmed, capsys):
        mentioning(mazhilis, "Budget passes", published_at=timezone.now())
        call_command("send_alert_digests")
        assert capsys.readouterr().out == "Sent 1 digest(s).\n"


class UnsubscribeTests:
    def test_one_click_post_from_a_mail_client_stops_the_alert(self, client, mazhilis, confirmed):
        mentioning(mazhilis, "Budget passes", published_at=timezone.now())
        send_digests()
        url = re.search(
            r"<https://news\.example(.+)>", mail.outbox[-1].extra_headers["List-Unsubscribe"]
        ).group(1)
        response = client.post(url, {"List-Unsubscribe": "One-Click"})
        assert response.status_code == 200
        assert not Subscription.objects.get().is_active
        mentioning(mazhilis, "Another", published_at=timezone.now())
        assert send_digests() == 0

    def test_the_link_asks_before_stopping(self, client, mazhilis, confirmed):
        subscription = confirmed
        response = client.get(f"/alerts/unsubscribe/{subscription.token}/")
        assert "Stop the e-mails about Mazhilis?" in response.text
        assert Subscription.objects.get().is_active

    def test_an_unknown_token_is_not_found(self, client, mazhilis):
        assert client.post("/alerts/unsubscribe/forged/").status_code == 404
        assert client.get("/alerts/unsubscribe/forged/").status_code == 404

    def test_following_again_after_leaving_needs_a_new_confirmation(
        self, client, mazhilis, follow, confirmed
    ):
        subscription = confirmed
        client.post(f"/alerts/unsubscribe/{subscription.token}/")
        Subscription.objects.update(confirmation_sent_at=timezone.now() - dt.timedelta(hours=2))
        mail.outbox.clear()
        follow()
        assert len(mail.outbox) == 1
        assert not Subscription.objects.get().is_active
