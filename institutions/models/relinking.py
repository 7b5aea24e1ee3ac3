"""Relink jobs: whether the articles naming an entity are linked to its latest names."""

from django.db import models
from django.template.defaultfilters import pluralize
from django.utils import timezone
from django.utils.formats import date_format

from .entities import Entity


def _articles(count):
    return f"{count:,} article{pluralize(count)}"


class RelinkJobQuerySet(models.QuerySet):
    def latest_for(self, entity):
        """The newest job that relinks after a change to ``entity``, or None."""
        return self.filter(entities=entity).order_by("-created_at", "-pk").first()


class RelinkJob(models.Model):
    """One relink of the articles a transaction of registry changes may affect.

    The articles app runs it (as a background task); the record lives here so that the
    registry's own screens can show whether an entity's links are up to date.
    """

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    entities = models.ManyToManyField(Entity, related_name="relink_jobs", blank=True)
    spellings = models.JSONField(
        default=list, blank=True, help_text="The names and aliases added, changed or removed."
    )
    article_ids = models.JSONField(
        default=list,
        blank=True,
        help_text="Articles to relink whatever they contain (they linked a deleted entity).",
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    total = models.PositiveIntegerField(default=0, help_text="Articles to relink.")
    done = models.PositiveIntegerField(default=0, help_text="Articles relinked so far.")
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = RelinkJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "relink job"

    def __str__(self):
        if self.state == self.State.QUEUED:
            return "waiting to relink"
        if self.state == self.State.RUNNING:
            return f"relinking {_articles(self.total)} ({self.done:,} done)"
        if self.state == self.State.FAILED:
            return f"failed: {self.error}"
        finished = date_format(timezone.localtime(self.finished_at), "j F H:i")
        return f"up to date (relinked {finished}, {_articles(self.total)})"

    def start(self):
        """Claim a queued job; False when it already ran or runs elsewhere, so a task
        delivered twice, or a job the seed loader ran itself, relinks only once."""
        now = timezone.now()
        claimed = RelinkJob.objects.filter(pk=self.pk, state=self.State.QUEUED).update(
            state=self.State.RUNNING, started_at=now
        )
        if claimed:
            self.state, self.started_at = self.State.RUNNING, now
        return bool(claimed)

    def record_progress(self, *, total=None, done=None):
        if total is not None:
            self.total = total
        if done is not None:
            self.done = done
        self.save(update_fields=["total", "done"])

    def finish(self):
        self.state, self.done, self.finished_at = self.State.DONE, self.total, timezone.now()
        self.save(update_fields=["state", "done", "finished_at"])

    def fail(self, error):
        self.state, self.finished_at = self.State.FAILED, timezone.now()
        self.error = str(error) or type(error).__name__
        self.save(update_fields=["state", "error", "finished_at"])
