"""Webhook deliveries, in the background: one task per event, one per delivery try."""

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
def announce_article(article_id, event):
    """Log a delivery of ``event`` for every active webhook, and send each; nothing when
    a later change already undid it (published, then unpublished before the worker ran)."""
    exists = Article.objects.filter(pk=article_id).exists()
    public = Article.objects.published().filter(pk=article_id).exists()
    if public != (event != WebhookDelivery.Event.UNPUBLISHED):
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
