"""Webhook deliveries, in the background: one task per event, one per delivery try."""

import datetime
import json

from django.conf import settings
from django.urls import reverse
from django_tasks import task

from articles.models import Article

from .models import Webhook, WebhookDelivery
from .webhooks import attempt


def _payload(article_id, event):
    """What receivers get: the event and the article as readers see it now; only its
    id and slug once it is unpublished."""
    article = Article.objects.filter(pk=article_id).first()
    described = {"id": article_id}
    if article is not None:
        described["slug"] = article.slug
        if event != WebhookDelivery.Event.UNPUBLISHED:
            described.update(
                title=article.title,
                language=article.language,
                published_at=article.published_at.isoformat(),
                updated_at=article.updated_at.isoformat(),
                url=settings.NEWSROOM_SITE_URL + article.get_absolute_url(),
                api_url=settings.NEWSROOM_SITE_URL
                + reverse("api:get_article", kwargs={"slug": article.slug}),
            )
    return json.dumps({"event": event, "article": described}, ensure_ascii=False)


@task()
def announce_article(article_id, event, scheduled_for=None):
    """Log a delivery of ``event`` for every active webhook, and send each; nothing when
    a later change already undid it (published, then unpublished before the worker ran).

    ``scheduled_for``: the time a scheduled article was to come out, when this runs then;
    nothing when it has been moved since, or it was announced already (moved away and
    back).
    """
    article = Article.objects.filter(pk=article_id).first()
    exists = article is not None
    public = exists and article.is_public
    if public != (event != WebhookDelivery.Event.UNPUBLISHED):
        return
    if scheduled_for is not None:
        due = datetime.datetime.fromisoformat(scheduled_for)
        announced = WebhookDelivery.objects.filter(
            article_id=article_id, event=event, created_at__gte=due
        )
        if article.published_at != due or announced.exists():
            return
    payload = _payload(article_id, event)
    for webhook in Webhook.objects.filter(is_active=True):
        delivery = WebhookDelivery.objects.create(
            webhook=webhook,
            event=event,
            article_id=article_id if exists else None,
            payload=payload,
        )
        deliver.enqueue(delivery.pk)


@task()
def deliver(delivery_id):
    """Try one delivery; on failure, queue the next try after the backoff delay."""
    delivery = WebhookDelivery.objects.select_related("webhook").get(pk=delivery_id)
    if delivery.status != WebhookDelivery.Status.PENDING:
        return
    if attempt(delivery):
        # Backends that run tasks at once (development, tests) cannot wait; they retry now.
        if deliver.get_backend().supports_defer:
            deliver.using(run_after=delivery.next_attempt_at).enqueue(delivery.pk)
        else:
            deliver.enqueue(delivery.pk)
