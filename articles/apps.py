from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save, pre_delete


class ArticlesConfig(AppConfig):
    name = "articles"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from institutions.models import Alias, Appointment, Entity, Institution, Official, Post

        from . import signals
        from .caching import content_changed
        from .models import Article, Mention

        for model in (Article, Mention, Entity, Institution, Official, Alias, Post, Appointment):
            for signal in (post_save, post_delete):
                signal.connect(
                    content_changed, sender=model, dispatch_uid=f"page-cache-{model.__name__}"
                )
        # A deploy runs migrate: pages the old release's templates rendered retire with it.
        post_migrate.connect(content_changed, sender=self, dispatch_uid="page-cache-release")

        post_save.connect(signals.alias_changed, sender=Alias, dispatch_uid="relink-alias-save")
        post_delete.connect(signals.alias_changed, sender=Alias, dispatch_uid="relink-alias-delete")
        for model in (Entity, Institution, Official):
            post_save.connect(
                signals.entity_changed, sender=model, dispatch_uid=f"relink-{model.__name__}"
            )
            pre_delete.connect(
                signals.entity_deleting,
                sender=model,
                dispatch_uid=f"relink-delete-{model.__name__}",
            )
