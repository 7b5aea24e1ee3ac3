from django.core.management.base import BaseCommand, CommandError
from django_tasks import TaskResultStatus

from alerts.tasks import send_digests


class Command(BaseCommand):
    help = (
        "Queue today's e-mail digests for readers following institutions and officials. "
        "Run it once a day (cron or a systemd timer); the task worker sends them."
    )

    def handle(self, *args, **options):
        result = send_digests.enqueue()
        if result.status == TaskResultStatus.FAILED:
            raise CommandError(f"Sending the digests failed: {result.errors[-1].traceback}")
        if result.is_finished:
            self.stdout.write(f"Sent {result.return_value} digest(s).")
        else:
            self.stdout.write(f"Digests queued for the task worker (task {result.id}).")
