from django.apps import AppConfig


class InstitutionsConfig(AppConfig):
    name = "institutions"

    def ready(self):
        from newsroom.caching import retire_pages_on_change

        from .models import Alias, Appointment, Entity, Institution, Official, Post

        # Entity pages, the links in articles and search show every one of them.
        retire_pages_on_change(Entity, Institution, Official, Alias, Post, Appointment)
