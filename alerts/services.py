"""Following an institution or official by e-mail: asking, confirming, leaving, and the
daily digest."""

import datetime as dt

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from institutions.articles import article_model
from newsroom.site import absolute_url

from .models import Subscription

# A second request for the same address and entity within this time sends nothing, so the
# form cannot be used to flood someone's inbox.
RESEND_AFTER = dt.timedelta(hours=1)
DIGEST_LENGTH = 20


def subscription_request(*, email, entity, language):
    """Ask to follow ``entity``: a confirmation is mailed unless one went out lately or the
    address already follows it. Says nothing of which, so the page reveals no one's
    subscriptions."""
    from .tasks import send_confirmation

    subscription, _ = Subscription.objects.get_or_create(
        email=email.strip().lower(), entity=entity, defaults={"language": language}
    )
    if subscription.is_active:
        return subscription
    now = timezone.now()
    if subscription.confirmation_sent_at and now - subscription.confirmation_sent_at < RESEND_AFTER:
        return subscription
    subscription.language = language
    subscription.unsubscribed_at = None
    subscription.confirmed_at = None
    subscription.confirmation_sent_at = now
    subscription.save()
    transaction.on_commit(lambda: send_confirmation.enqueue(subscription.pk))
    return subscription


def subscription_confirm(*, token):
    """Confirm the subscription ``token`` names; None for an unknown token."""
    subscription = Subscription.objects.filter(token=token).select_related("entity").first()
    if subscription is None:
        return None
    if not subscription.is_active:
        subscription.confirmed_at = timezone.now()
        subscription.unsubscribed_at = None
        subscription.save(update_fields=["confirmed_at", "unsubscribed_at"])
    return subscription


def subscription_cancel(*, token):
    """Stop the subscription ``token`` names; None for an unknown token."""
    subscription = Subscription.objects.filter(token=token).select_related("entity").first()
    if subscription is not None and subscription.unsubscribed_at is None:
        subscription.unsubscribed_at = timezone.now()
        subscription.save(update_fields=["unsubscribed_at"])
    return subscription


def _links(subscription):
    return {
        "confirm_url": absolute_url(reverse("alerts:confirm", args=[subscription.token])),
        "unsubscribe_url": absolute_url(reverse("alerts:unsubscribe", args=[subscription.token])),
        "entity_url": absolute_url(subscription.entity.get_absolute_url()),
        "entity_name": subscription.entity.display_name(subscription.language),
        "site_name": settings.NEWSROOM_SITE_NAME,
    }


def _message(subscription, template, context):
    with translation.override(subscription.language):
        context = {**_links(subscription), **context}
        subject = render_to_string(f"alerts/{template}_subject.txt", context).strip()
        body = render_to_string(f"alerts/{template}_email.txt", context)
    return EmailMessage(subject, body, to=[subscription.email]), context


def send_confirmation_mail(subscription):
    message, _ = _message(subscription, "confirm", {})
    message.send()


def new_articles(subscription):
    """The published articles naming the entity since the last digest (or since the
    reader confirmed), oldest first."""
    since = subscription.last_sent_at or subscription.confirmed_at
    articles = (
        article_model()
        .objects.published()
        .mentioning(subscription.entity)
        .filter(published_at__gt=since)
        .for_listing()
    )
    return list(reversed(articles[:DIGEST_LENGTH]))


def send_digest(subscription, now):
    """Mail ``subscription`` what is new, if anything; returns whether a mail went out."""
    articles = new_articles(subscription)
    if not articles:
        return False
    items = [
        {"title": article.title, "url": absolute_url(article.get_absolute_url())}
        for article in articles
    ]
    message, context = _message(subscription, "digest", {"articles": items})
    # RFC 2369 and RFC 8058: mail clients offer one-click unsubscribing from these.
    message.extra_headers = {
        "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    message.send()
    subscription.last_sent_at = now
    subscription.save(update_fields=["last_sent_at"])
    return True


def send_digests():
    """One digest for each active subscription with something new; returns how many."""
    now = timezone.now()
    return sum(
        send_digest(subscription, now)
        for subscription in Subscription.objects.active().select_related("entity")
    )
