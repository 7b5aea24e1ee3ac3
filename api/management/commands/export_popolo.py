import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from api.registry import popolo_export


class Command(BaseCommand):
    help = (
        "Write the registry of institutions and officials (with posts, appointments, "
        "aliases and Wikidata ids) as a Popolo JSON document, to a file or standard output."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", type=Path, help="File to write; default stdout.")

    def handle(self, *args, path, **options):
        text = json.dumps(popolo_export(), ensure_ascii=False, indent=2) + "\n"
        if path is None:
            self.stdout.write(text, ending="")
            return
        try:
            path.write_text(text, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Cannot write {path}: {error}") from error
        self.stderr.write(f"Wrote {path}")
