from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InstitutionsConfig(AppConfig):
    name = "institutions"
    verbose_name = _("Institutions")

    def ready(self):
        from newsroom.caching import retire_pages_on_change

        from .models import Alias, Appointment, Entity, Institution, Official, Post

        # Entity pages, the links in articles and search show every one of them.
        retire_pages_on_change(Entity, Institution, Official, Alias, Post, Appointment)
