from django.apps import AppConfig


class AuthorsConfig(AppConfig):
    name = "authors"

    def ready(self):
        from newsroom.caching import retire_pages_on_change

        from .models import Author

        # Bylines on article pages and cards link each author.
        retire_pages_on_change(Author)
