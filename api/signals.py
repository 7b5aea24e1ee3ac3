"""Announce readers' article changes to webhooks: the handlers only queue the task.

An article is announced as published when a save makes it visible to readers, updated
when a save changes one readers already see, unpublished when a save hides it. Several
saves in one transaction make one announcement, from the first state to the last.
"""

from newsroom.transactions import on_commit_once

from .models import WebhookDelivery
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


class _Announcements:
    """The articles one transaction saved: each one's first and last visibility."""

    def __init__(self):
        self.visibility = {}

    def __call__(self):
        for article_id, (was, now) in self.visibility.items():
            event = EVENTS.get((was, now))
            if event:
                announce_article.enqueue(article_id, event)


def article_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return

    def add(batch):
        was = batch.visibility.get(instance.pk, (instance._was_public, None))[0]
        batch.visibility[instance.pk] = (was, instance.is_public)

    on_commit_once("webhooks", _Announcements, add)
