from django.apps import AppConfig


class MediaLibraryConfig(AppConfig):
    name = "media_library"
    verbose_name = "Image library"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from newsroom.cache_keys import EVERYTHING, retire_pages_on_change

        from .models import Image

        # Alt text, caption and credit show on pages; so do the copies (tasks.py).
        retire_pages_on_change(Image, lambda before, after: [EVERYTHING])
