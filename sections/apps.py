from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SectionsConfig(AppConfig):
    name = "sections"
    verbose_name = _("Sections")

    def ready(self):
        from newsroom.cache_keys import EVERYTHING, retire_pages_on_change

        from .models import Section

        # Section names appear as kickers on article pages and cards.
        # Rare edits, shown on many pages: each retires every page.
        retire_pages_on_change(Section, lambda before, after: [EVERYTHING])
