from django import template

from newsroom.images import rendition_name

register = template.Library()


@register.filter
def rendition_url(image):
    """The address of the image's page-sized copy; of the image itself while there is
    none (not made yet, not needed, or failed); empty when the image cannot be found."""
    if not image:
        return ""
    try:
        name = rendition_name(image.name)
        if image.storage.exists(name):
            return image.storage.url(name)
        return image.url
    except (OSError, ValueError):
        # A page shows the alt text rather than fail over a missing file.
        return ""
