import tarfile

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from newsroom.backup import BackupError, restore_site, site_is_empty


class Command(BaseCommand):
    help = (
        "Restore a backup made by backup_site into a migrated database. Refuses a "
        "database that already holds articles or entities unless --force is given, "
        "which first empties it."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Archive written by backup_site")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Delete everything in the database first, then restore.",
        )

    def handle(self, *args, path, force, **options):
        if not site_is_empty():
            if not force:
                raise CommandError(
                    "The database already holds articles or entities; restoring would mix "
                    "two sites. Restore into an empty, migrated database, or pass --force "
                    "to delete everything here first."
                )
            call_command("flush", interactive=False, verbosity=0)
        try:
            manifest = restore_site(path)
        except (OSError, tarfile.TarError, BackupError) as error:
            raise CommandError(f"Could not restore {path}: {error}") from error
        total = sum(manifest["counts"].values())
        self.stdout.write(self.style.SUCCESS(f"Restored {total} records and media from {path}."))
