from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from newsroom.backup import BackupError, backup_site


class Command(BaseCommand):
    help = (
        "Back the site up into one .tar.gz archive: articles, revisions, mentions, the "
        "entity registry, users and groups, the admin log, and the uploaded media. An "
        "archive already at that path is replaced only once the new one is complete."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Archive to write, e.g. backups/newsroom.tar.gz")

    def handle(self, *args, path, **options):
        try:
            manifest = backup_site(path)
        except (BackupError, DatabaseError, OSError) as error:
            raise CommandError(f"Could not write {path}: {error}") from error
        total = sum(manifest["counts"].values())
        self.stdout.write(self.style.SUCCESS(f"Backed up {total} records and media to {path}."))
