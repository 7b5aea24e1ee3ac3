import logging
import time
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_tasks import TaskResultStatus, signals

from articles import importing
from articles.linking.relinking import run_relink_job
from institutions.models import RelinkJob
from institutions.registry import RegistryError
from institutions.services import registry_import

DEFAULT_SEEDS = Path(settings.BASE_DIR) / "seeds"
REGISTRY_NAME = "registry.toml"
# How long the loader waits for a relink that a task worker took before it did.
WORKER_RELINK_WAIT_SECONDS = 600


class _Errors(logging.Handler):
    def __init__(self):
        super().__init__(logging.ERROR)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


@contextmanager
def after_commit_errors():
    """Collect the failures of the work run once a transaction commits: queueing the
    relink, and the relink task itself when the task backend runs it at once.

    Both are run robustly: a failure is only logged, after the commit, so a command
    would carry on and exit 0 unless it looks.
    """
    handler, logger = _Errors(), logging.getLogger("django.db.backends.base")

    def task_finished(sender, task_result, **kwargs):
        if task_result.status == TaskResultStatus.FAILED:
            last_line = task_result.errors[-1].traceback.strip().splitlines()[-1]
            handler.messages.append(f"{task_result.task.name}: {last_line}")

    logger.addHandler(handler)
    signals.task_finished.connect(task_finished, weak=False)
    try:
        yield handler.messages
    finally:
        signals.task_finished.disconnect(task_finished)
        logger.removeHandler(handler)


class Command(BaseCommand):
    help = (
        "Load the entity registry and the scraped article files (default: seeds/). "
        "Idempotent: running it again adds nothing and keeps editors' edits."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", type=Path, help="Files or folders to load.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would happen; write nothing."
        )

    def handle(self, *args, paths, dry_run, **options):
        paths = paths or [DEFAULT_SEEDS]
        missing = [str(p) for p in paths if not p.exists()]
        if missing:
            raise CommandError(f"No such file or folder: {', '.join(missing)}")

        earlier_jobs = RelinkJob.objects.values_list("pk", flat=True)
        last_earlier_job = earlier_jobs.order_by("-pk").first() or 0
        imported = []
        with after_commit_errors() as errors:
            for registry in self._registries(paths):
                imported.append(self._load_registry(registry, dry_run))
        try:
            if errors:
                raise RelinkFailed("; ".join(errors))
            self._relink(RelinkJob.objects.filter(pk__gt=last_earlier_job))
        except RelinkFailed as failure:
            raise CommandError(
                f"The registry was imported ({'; '.join(imported)}), but relinking the "
                f"articles it affects failed: {failure}. No article file was loaded. Fix "
                "the cause and run load_seeds again (it adds nothing twice), or run "
                "relink_articles."
            ) from failure

        results = [
            importing.import_article_file(path, dry_run=dry_run)
            for path in importing.article_files(paths)
        ]
        for result in results:
            line = f"{result.path}: {result.action}"
            if result.detail:
                line += f": {result.detail}"
            if result.failed:
                self.stderr.write(self.style.ERROR(line))
            elif result.action == importing.CONFLICT:
                self.stderr.write(self.style.WARNING(line))
            else:
                self.stdout.write(line)

        summary = ", ".join(
            f"{sum(r.action == action for r in results)} {action}"
            for action in (
                importing.CREATED,
                importing.UPDATED,
                importing.UNCHANGED,
                importing.CONFLICT,
                importing.SKIPPED,
            )
        )
        self.stdout.write(f"Articles: {summary}" + (" (dry run)" if dry_run else ""))
        failed = [r for r in results if r.failed]
        if failed:
            raise CommandError(f"{len(failed)} file(s) could not be loaded; see above.")

    def _registries(self, paths):
        for path in paths:
            if path.is_dir() and (path / REGISTRY_NAME).is_file():
                yield path / REGISTRY_NAME
            elif path.name.endswith(".toml"):
                yield path

    def _load_registry(self, path, dry_run):
        try:
            counts = registry_import(path, dry_run=dry_run)
        except RegistryError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{path}: registry {counts}" + (" (dry run)" if dry_run else ""))
        return f"{path}: {counts}"

    def _relink(self, jobs):
        """Run the relinks the registry import queued: a command waits for no worker.

        A job the task backend already ran (at once, in development) is not run again; one
        a worker is running is waited for. Anything but a finished job is a failure.
        """
        for job in jobs.order_by("pk"):
            error = None
            try:
                run_relink_job(job)
            except Exception as failure:
                # Recorded on the job too, unless recording it is what failed.
                error = failure
            job.refresh_from_db()
            waited_until = time.monotonic() + WORKER_RELINK_WAIT_SECONDS
            while job.state == RelinkJob.State.RUNNING and not error:
                if time.monotonic() > waited_until:
                    break
                time.sleep(1)
                job.refresh_from_db()
            if job.state != RelinkJob.State.DONE:
                raise RelinkFailed(job.error or error or f"the relink is still {job}")
            self.stdout.write(f"Relinking after the registry import: {job}")


class RelinkFailed(Exception):
    pass
