from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuthorsConfig(AppConfig):
    name = "authors"
    verbose_name = _("Authors")

    def ready(self):
        from newsroom.cache_keys import EVERYTHING, retire_pages_on_change

        from .models import Author

        # Bylines on article pages and cards link each author.
        # Rare edits, shown on many pages: each retires every page.
        retire_pages_on_change(Author, lambda before, after: [EVERYTHING])
