from django.apps import AppConfig


class SectionsConfig(AppConfig):
    name = "sections"

    def ready(self):
        from newsroom.cache_keys import EVERYTHING, retire_pages_on_change

        from .models import Section

        # Section names appear as kickers on article pages and cards.
        # Rare edits, shown on many pages: each retires every page.
        retire_pages_on_change(Section, lambda before, after: [EVERYTHING])
