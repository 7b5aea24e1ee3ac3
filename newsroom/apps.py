from django.apps import AppConfig
from django.db.models.signals import post_migrate


class NewsroomConfig(AppConfig):
    name = "newsroom"

    def ready(self):
        from .cache_keys import content_changed

        # A deploy runs migrate: pages the old release's templates rendered retire with it.
        # Django sends post_migrate once per app with models, and newsroom has none: each
        # starts a version, a handful of cache writes once per deploy.
        post_migrate.connect(content_changed, dispatch_uid="page-cache-release")
