"""The site with its uploads served beside it, for a machine with no web server in front:
the browser journeys and the Lighthouse run serve production settings with gunicorn alone,
and Django serves media only in development. Uploads made while it runs are served too."""

from django.conf import settings
from whitenoise import WhiteNoise

from .wsgi import application as site

application = WhiteNoise(
    site, root=settings.MEDIA_ROOT, prefix=settings.MEDIA_URL, autorefresh=True
)
