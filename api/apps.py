from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "API and webhooks"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save, pre_save

        from articles.models import Article

        from . import signals

        pre_save.connect(signals.remember_visibility, sender=Article, dispatch_uid="webhook-before")
        post_save.connect(signals.article_saved, sender=Article, dispatch_uid="webhook-after")
        post_delete.connect(signals.article_deleted, sender=Article, dispatch_uid="webhook-gone")
