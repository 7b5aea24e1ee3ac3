"""Library images on pages: ``{% picture image %}`` for one, ``|library_images`` for the
ones an article body places (Markdown ``![alt](image:ID)``)."""

import html
import re

from django import template
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import mark_safe

from media_library.models import Image

register = template.Library()

# What the Markdown renderer makes of ``![alt](image:ID)``, alone in its paragraph or not.
_BODY_IMAGE = re.compile(r'(<p>)?<img src="image:(\d+)" alt="([^"]*)"[^>]*>(</p>)?')
_BODY_IMAGE_SRC = '<img src="image:'
# The src a browser takes when it reads no srcset: the copy nearest a phone's width x2.
_FALLBACK_WIDTH = 800


def picture_context(image, *, sizes="100vw", css_class="", loading="lazy", figure=True):
    """What ``media_library/picture.html`` needs to show ``image``."""
    context = {
        "image": image,
        "sizes": sizes,
        "class": css_class,
        "loading": loading,
        "figure": figure,
    }
    copies = image.renditions.get("widths") or []
    if copies:
        url = image.file.storage.url
        fallback = next((c for c in copies if c["width"] >= _FALLBACK_WIDTH), copies[-1])
        context.update(
            src=url(fallback["original"]),
            srcset=", ".join(f"{url(c['original'])} {c['width']}w" for c in copies),
            webp_srcset=", ".join(f"{url(c['webp'])} {c['width']}w" for c in copies),
            width=fallback["width"],
            height=fallback["height"],
        )
    elif image.file_exists():
        # Copies not made yet, or not made (an animation): the file itself.
        context.update(src=image.file.url, width=image.width, height=image.height)
    else:
        context["missing"] = True
    return context


@register.inclusion_tag("media_library/picture.html")
def picture(image, sizes="100vw", css_class="", loading="lazy", figure=True):
    """``<picture>`` with WebP and original-format ``srcset``s, width, height and lazy
    loading, in a ``<figure>`` with caption and credit unless ``figure`` is false; the
    alt text alone when the file is lost."""
    if not image:
        return {}
    return picture_context(image, sizes=sizes, css_class=css_class, loading=loading, figure=figure)


@register.filter
def library_images(body_html):
    """``body_html`` (sanitised) with each ``image:ID`` reference made a figure; an image
    that is unknown or whose file is lost leaves its alt text."""
    if _BODY_IMAGE_SRC not in body_html:  # most bodies place none: no pattern to run
        return mark_safe(body_html)
    found = {int(match[1]) for match in _BODY_IMAGE.findall(body_html)}
    images = Image.objects.in_bulk(found) if found else {}

    def replace(match):
        image = images.get(int(match[2]))
        if image is None:
            alt = escape(html.unescape(match[3]))
            return f"<p>{alt}</p>" if match[1] and match[4] else alt
        # A figure cannot sit inside a paragraph; an image in running text stays inline.
        own_paragraph = bool(match[1] and match[4])
        context = picture_context(
            image,
            sizes="(min-width: 46rem) 42rem, 100vw",
            css_class="prose__figure",
            figure=own_paragraph,
        )
        rendered = render_to_string("media_library/picture.html", context)
        return rendered if own_paragraph else f"{match[1] or ''}{rendered}{match[4] or ''}"

    return mark_safe(_BODY_IMAGE.sub(replace, body_html))
