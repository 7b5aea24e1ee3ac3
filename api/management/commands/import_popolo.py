from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from api.registry import popolo_import
from institutions.registry import RegistryError


class Command(BaseCommand):
    help = (
        "Load a Popolo JSON document into the registry of institutions and officials, as "
        "load_seeds loads the registry file: missing entities, aliases, posts and "
        "appointments are added, values editors set are kept. A document with any mistake "
        "adds nothing. Articles are relinked in the background afterwards."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The Popolo JSON file.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and count; write nothing."
        )

    def handle(self, *args, path, dry_run, **options):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        try:
            summary = popolo_import(text, source=path.name, dry_run=dry_run)
        except RegistryError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{path}: {summary}" + (" (dry run)" if dry_run else ""))
