from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SectionsConfig(AppConfig):
    name = "sections"
    verbose_name = _("Sections")

    def ready(self):
        from newsroom.caching import retire_pages_on_change

        from .models import Section

        # Section names appear as kickers on article pages and cards.
        retire_pages_on_change(Section)
