from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InstitutionsConfig(AppConfig):
    name = "institutions"
    verbose_name = _("Institutions")

    def ready(self):
        from newsroom.cache_keys import retire_pages_on_change

        from . import cache_keys
        from .models import Alias, Appointment, Entity, Institution, Official, Post

        # Entity pages, the links in articles and search show every one of them.
        for model in (Entity, Institution, Official):
            retire_pages_on_change(model, cache_keys.entity_change_keys)
        retire_pages_on_change(Alias, cache_keys.alias_change_keys)
        retire_pages_on_change(Post, cache_keys.post_change_keys)
        retire_pages_on_change(Appointment, cache_keys.appointment_change_keys)
