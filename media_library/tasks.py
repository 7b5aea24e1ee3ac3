import logging

from django.core.files.storage import default_storage
from django_tasks import task

from newsroom.cache_keys import content_changed

from . import renditions
from .models import Image

logger = logging.getLogger(__name__)


@task()
def make_renditions(image_id):
    """Make the image's copies unless the ones it has match its file and focal point;
    then remove the copies they replace. Pages show the file itself meanwhile."""
    image = Image.objects.filter(pk=image_id).first()
    if image is None or image.renditions.get("source") == renditions.source_of(image):
        return
    made = renditions.make(image)
    stale = set(renditions.names_in(image.renditions)) - set(renditions.names_in(made))
    Image.objects.filter(pk=image_id).update(renditions=made)
    # Pages cached while they showed the file itself now show the copies.
    content_changed()
    for name in stale:
        default_storage.delete(name)
    logger.info("Made %s copies of image %s", len(made["widths"]) * 2, image_id)
