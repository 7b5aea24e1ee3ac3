from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate


class NewsroomConfig(AppConfig):
    name = "newsroom"
    # The module holds the admin's configuration too; this one is the app's.
    default = True

    def ready(self):
        from . import lookups
        from .cache_keys import content_changed

        lookups.register()
        # A deploy runs migrate: pages the old release's templates rendered retire with it.
        # Django sends post_migrate once per app with models, and newsroom has none: each
        # starts a version, a handful of cache writes once per deploy.
        post_migrate.connect(content_changed, dispatch_uid="page-cache-release")


class NewsroomAdminConfig(admin_apps.AdminConfig):
    """Django's admin, on a site whose change lists check the values in their address."""

    default = False
    default_site = "newsroom.admin_lists.CheckedAdminSite"
