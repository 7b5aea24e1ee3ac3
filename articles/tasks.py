"""Background work of the articles app, queued once its transaction commits.

Tests and development run a task at once; production queues it in the database for
``python manage.py db_worker`` (see ``TASKS`` in the settings).
"""

from django.db import transaction
from django_tasks import task

from institutions.models import Entity, RelinkJob
from newsroom.transactions import on_commit_once

from .cards import draw_card
from .linking.relinking import run_relink_job
from .models import Article


@task()
def relink_job(job_id):
    """Relink the articles a registry change may affect (a ``RelinkJob``)."""
    run_relink_job(RelinkJob.objects.get(pk=job_id))


@task()
def draw_share_card(article_id):
    """Draw a published article's share card (see ``articles.cards``)."""
    article = Article.objects.published().filter(pk=article_id).first()
    if article is not None:
        draw_card(article)


class _RelinkBatch:
    """What one transaction's registry changes affect: one job, queued once it commits."""

    def __init__(self):
        self.names, self.entity_ids, self.article_ids = set(), set(), set()

    def __call__(self):
        with transaction.atomic():
            job = RelinkJob.objects.create(
                spellings=sorted(self.names), article_ids=sorted(self.article_ids)
            )
            # A deleted entity has no row to point at; its articles are in article_ids.
            job.entities.set(Entity.objects.filter(pk__in=self.entity_ids))
        relink_job.enqueue(job.pk)


def schedule_relink(*, names=(), entity_ids=(), article_ids=()):
    """Relink what a registry change affects, in the background, once the transaction
    commits.

    Changes within one transaction (an entity saved with its aliases inline) share one
    job. What a rolled-back transaction asked for joins the next job (the job reads the
    registry and the articles afresh, so that costs only time); a job that fails is
    marked failed, for the admin and the seed loader to show.
    """

    def add(batch):
        batch.names.update(names)
        batch.entity_ids.update(entity_ids)
        batch.article_ids.update(article_ids)

    on_commit_once("relink", _RelinkBatch, add)
