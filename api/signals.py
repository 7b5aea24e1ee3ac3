"""Announce readers' article changes to webhooks: the handlers only queue the task.

An article is announced as published when a save makes it visible to readers, updated
when a save changes one readers already see, unpublished when a save hides it. The
task is queued when the save's transaction commits, and never for one rolled back.
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
    stored = sender.objects.filter(pk=instance.pk)
    instance._was_public = instance.pk is not None and stored.published().exists()


def _announce(article_id, event):
    # Without a webhook to tell, a save queues nothing for the worker.
    if Webhook.objects.filter(is_active=True).exists():
        announce_article.enqueue(article_id, event)


def article_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    event = EVENTS.get((instance._was_public, instance.is_public))
    if event:
        transaction.on_commit(partial(_announce, instance.pk, event))
