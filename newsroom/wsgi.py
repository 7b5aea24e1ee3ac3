import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

django.setup(set_prefix=False)

from newsroom.handlers import PageCacheWSGIHandler  # noqa: E402 (needs the settings)

application = PageCacheWSGIHandler()
