"""Keep rendered articles in step with the entity registry.

Rendered bodies and mentions are derived from the registry; when an alias or entity
changes, a background relink of the affected articles is queued for when the change
commits. Nothing else happens here.
"""

from articles.models import Article
from articles.tasks import schedule_relink


def alias_changed(sender, instance, raw=False, **kwargs):
    # A raw save loads a fixture or backup, whose articles are already linked.
    if raw:
        return
    schedule_relink(names=[instance.name], entity_ids=[instance.entity_id])


def entity_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    schedule_relink(names=[instance.name], entity_ids=[instance.pk])


def entity_deleting(sender, instance, **kwargs):
    # After the delete its mentions are gone; remember which articles linked it.
    article_ids = Article.objects.filter(mentions__entity=instance).values_list("pk", flat=True)
    schedule_relink(article_ids=list(article_ids))
