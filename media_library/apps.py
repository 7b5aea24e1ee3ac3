from django.apps import AppConfig


class MediaLibraryConfig(AppConfig):
    name = "media_library"
    verbose_name = "Image library"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from newsroom.caching import retire_pages_on_change

        from .models import Image

        # Alt text, caption and credit show on pages; so do the copies (tasks.py).
        retire_pages_on_change(Image)
