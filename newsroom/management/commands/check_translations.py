from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from newsroom.translations import missing_translations


class Command(BaseCommand):
    help = (
        "List the interface's messages (templates and code) that the Russian or Kazakh "
        "catalogue does not translate; fail when there is any. Compile the .po files with "
        "msgfmt first: the compiled catalogue is what readers and editors get."
    )

    def handle(self, *args, **options):
        missing = 0
        for code, _name in settings.LANGUAGES:
            if code == settings.LANGUAGE_CODE:
                continue
            for msgid in missing_translations(code):
                self.stdout.write(f"{code}: {msgid!r}")
                missing += 1
        if missing:
            raise CommandError(f"{missing} messages have no translation.")
        self.stdout.write(self.style.SUCCESS("Every message is translated."))
