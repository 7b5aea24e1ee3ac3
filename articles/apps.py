from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save, pre_delete
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from institutions.models import Alias, Entity, Institution, Official
        from newsroom.cache_keys import retire_pages_on_change

        from . import cache_keys, signals
        from .models import Article, Mention

        # Whether a saved article was public before the save decides what it retires.
        retire_pages_on_change(Article, cache_keys.article_change_keys, previous=True)
        retire_pages_on_change(Mention, cache_keys.mention_change_keys)

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
