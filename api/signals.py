"""Announce readers' article changes to webhooks: the handlers only queue the task.

An article is announced as published when a save makes it visible to readers, updated
when a save changes one readers already see, unpublished when a save hides it or it is
deleted. A scheduled article is announced as published at its time: the task is queued
to run then (backends that run tasks at once, in development, cannot wait, so there it
is not announced). The task is queued when the save's transaction commits, and never
for one rolled back.
"""

from functools import partial

from django.db import transaction

from .models import Webhook, WebhookDelivery
from .tasks import announce_article

EVENTS = {
    (False, True): WebhookDelivery.Event.PUBLISHED,
    (True, True): WebhookDelivery.Event.UPDATED,
    (True, False): WebhookDelivery.Event.UNPUBLISHED,
}


def remember_visibility(sender, instance, raw=False, **kwargs):
    if raw:
        return
    stored = sender.objects.filter(pk=instance.pk).first() if instance.pk else None
    instance._was_public = stored is not None and stored.is_public
    instance._was_scheduled_for = stored.published_at if stored and stored.is_scheduled else None


def _announce(article_id, event, *, at=None):
    # Without a webhook to tell, a save queues nothing for the worker.
    if not Webhook.objects.filter(is_active=True).exists():
        return
    if at is None:
        announce_article.enqueue(article_id, event)
    elif announce_article.get_backend().supports_defer:
        announce_article.using(run_after=at).enqueue(article_id, event, at.isoformat())


def article_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    event = EVENTS.get((instance._was_public, instance.is_public))
    if event:
        transaction.on_commit(partial(_announce, instance.pk, event))
    elif instance.is_scheduled and instance.published_at != instance._was_scheduled_for:
        announcement = partial(
            _announce, instance.pk, WebhookDelivery.Event.PUBLISHED, at=instance.published_at
        )
        transaction.on_commit(announcement)


def article_deleted(sender, instance, **kwargs):
    if instance.is_public:
        transaction.on_commit(partial(_announce, instance.pk, WebhookDelivery.Event.UNPUBLISHED))
