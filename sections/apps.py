from django.apps import AppConfig


class SectionsConfig(AppConfig):
    name = "sections"

    def ready(self):
        from newsroom.caching import retire_pages_on_change

        from .models import Section

        # Section names appear as kickers on article pages and cards.
        retire_pages_on_change(Section)
