from django.core.management.base import BaseCommand, CommandError

from newsroom.backup import BackupError, SiteNotEmpty, restore_site


class Command(BaseCommand):
    help = (
        "Restore a backup made by backup_site into a migrated database. Refuses a "
        "database that already holds articles or entities unless --force is given, "
        "which replaces everything in it. The archive and the database are checked in "
        "full first, and the data is replaced in one transaction: on any failure the "
        "site stays as it was."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Archive written by backup_site")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace everything in the database with the backup.",
        )

    def handle(self, *args, path, force, **options):
        try:
            manifest = restore_site(path, replace=force)
        except SiteNotEmpty as error:
            raise CommandError(
                f"{error} Restoring would mix two sites. Restore into an empty, migrated "
                "database, or pass --force to replace everything here."
            ) from error
        except BackupError as error:
            raise CommandError(f"Could not restore {path}: {error} Nothing was changed.") from error
        total = sum(manifest["counts"].values())
        self.stdout.write(self.style.SUCCESS(f"Restored {total} records and media from {path}."))
