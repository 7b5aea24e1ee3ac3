"""Smaller copies of library images (renditions): several widths, in WebP and in the
image's own format, for ``srcset``; and a crop for sharing that keeps the focal point.

Copies are made by a background task (tasks.py) and their names kept on the image, so a
page needs no storage look-up to list them. Each set is named after what it was made from
(file and focal point), so a changed focal point never serves a cached old crop.
"""

import hashlib
import io
import time

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image as Pillow
from PIL import ImageOps

from newsroom.images import MAX_PROCESSING_SECONDS, ImageTooSlow, _check_header

# From a phone's column to a wide screen at twice its density.
WIDTHS = (400, 800, 1200, 1600)
# The size social networks show a shared link's picture at.
SHARE_SIZE = (1200, 630)
_QUALITY = {"WEBP": 80, "JPEG": 82}


def source_of(image):
    """What a set of copies depends on; when it changes, the copies are made again."""
    return [image.file.name, round(image.focal_x, 4), round(image.focal_y, 4)]


def focal_crop_box(size, ratio, focal):
    """The largest box of aspect ``ratio`` (width / height) inside an image of ``size``,
    centred on the ``focal`` point (fractions across and down) as far as the edges allow."""
    width, height = size
    if width / height > ratio:
        box_width, box_height = round(height * ratio), height
    else:
        box_width, box_height = width, round(width / ratio)
    left = min(max(round(focal[0] * width - box_width / 2), 0), width - box_width)
    top = min(max(round(focal[1] * height - box_height / 2), 0), height - box_height)
    return (left, top, left + box_width, top + box_height)


def _encode(picture, kind):
    if kind == "JPEG" and picture.mode not in ("RGB", "L"):
        picture = picture.convert("RGB")
    output = io.BytesIO()
    # PNG's optimize tries every filter: several times slower for a few per cent.
    picture.save(output, format=kind, quality=_QUALITY.get(kind, 90), optimize=kind == "JPEG")
    return output.getvalue()


def _resized(picture, size):
    # reducing_gap first halves by whole factors (fast), then resamples the rest
    # with Lanczos: the same look at a fraction of the time for large photos.
    return picture.resize(size, Pillow.Resampling.LANCZOS, reducing_gap=3.0)


def _store(name, data):
    default_storage.delete(name)
    return default_storage.save(name, ContentFile(data))


def make(image):
    """Make and store ``image``'s copies; what ``Image.renditions`` keeps.

    An animated image keeps no copies (a still one would lose the animation): pages show
    the file itself. Raises ``ImageTooSlow`` past ``MAX_PROCESSING_SECONDS``.
    """
    deadline = time.monotonic() + MAX_PROCESSING_SECONDS
    source = source_of(image)
    made = {"source": source, "widths": [], "share": None}
    with default_storage.open(image.file.name) as file, Pillow.open(file) as picture:
        _check_header(picture)
        if getattr(picture, "is_animated", False):
            return made
        kind = picture.format
        # A JPEG decodes straight at a half, quarter or eighth of its size when that is
        # still at least as large as the largest copy: most of a big photo's cost.
        picture.draft("RGB", (max(WIDTHS + SHARE_SIZE), max(WIDTHS + SHARE_SIZE)))
        picture = ImageOps.exif_transpose(picture)
        picture.load()
    key = hashlib.sha256(repr(source).encode()).hexdigest()[:10]
    stem = image.file.name.rpartition(".")[0].rpartition("/")[2]
    folder = f"renditions/library/{image.pk}/{key}"
    extension = {"JPEG": "jpg"}.get(kind, kind.lower())
    widths = [width for width in WIDTHS if width < picture.width] + [picture.width]
    for width in widths[: len(WIDTHS)]:
        if time.monotonic() > deadline:
            raise ImageTooSlow(f"still making copies after {MAX_PROCESSING_SECONDS} s")
        height = max(1, round(picture.height * width / picture.width))
        copy = _resized(picture, (width, height))
        made["widths"].append(
            {
                "width": width,
                "height": height,
                "webp": _store(f"{folder}/{stem}-w{width}.webp", _encode(copy, "WEBP")),
                "original": _store(f"{folder}/{stem}-w{width}.{extension}", _encode(copy, kind)),
            }
        )
    focal = (image.focal_x, image.focal_y)
    box = focal_crop_box(picture.size, SHARE_SIZE[0] / SHARE_SIZE[1], focal)
    crop = picture.crop(box)
    if crop.width > SHARE_SIZE[0]:
        crop = _resized(crop, SHARE_SIZE)
    made["share"] = {
        "width": crop.width,
        "height": crop.height,
        "name": _store(f"{folder}/{stem}-share.jpg", _encode(crop, "JPEG")),
    }
    return made


def names_in(renditions):
    """Every stored file a set of copies consists of."""
    for copy in renditions.get("widths", ()):
        yield copy["webp"]
        yield copy["original"]
    if renditions.get("share"):
        yield renditions["share"]["name"]
