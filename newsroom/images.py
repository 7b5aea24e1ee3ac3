"""Uploaded images: only real, reasonably sized pictures, stored without metadata.

An image's cost is what it decodes to, not its size on disk: a one-megabyte GIF of
40 frames at 6000 by 6000 decodes to 1,440 megapixels. So every image is bounded in its
frames times their pixels, and the re-encoding that strips its metadata in time; both
are checked while the upload is validated, so that the editor gets a form error naming
the limit. Smaller copies for pages (renditions) are made in the background.
"""

import io
import time
from functools import partial

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.template.defaultfilters import filesizeformat
from django_tasks import task
from PIL import Image, ImageOps, ImageSequence

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
MAX_BYTES = 10 * 1024 * 1024
# Forty megapixels, in all frames together, is more than any camera in the newsroom
# makes and decodes in about a second; more is a decompression bomb: a small file that
# would fill the server's memory and hold a worker when decoded.
MAX_PIXELS = 40_000_000
# Decoding stops here even within the pixel limit (a slow codec, a busy machine).
MAX_PROCESSING_SECONDS = 10
# Wide enough for the widest place a page shows an image, on a high-density screen.
RENDITION_WIDTH = 1280


class ImageTooSlow(Exception):
    pass


def _too_many_pixels(width, height, frames):
    in_frames = f" in {frames} frames" if frames > 1 else ""
    return ValidationError(
        "The image is %(width)s by %(height)s pixels%(in_frames)s; the limit is %(limit)s "
        "megapixels%(together)s. Make it smaller%(fewer)s and upload it again.",
        code="image_too_many_pixels",
        params={
            "width": width,
            "height": height,
            "in_frames": in_frames,
            "limit": MAX_PIXELS // 10**6,
            "together": " in all frames together" if frames > 1 else "",
            "fewer": " or with fewer frames" if frames > 1 else "",
        },
    )


def _check_header(image):
    """Refuse what the image's header says it would cost, before anything is decoded."""
    if image.format not in ALLOWED_FORMATS:
        raise ValidationError("Upload a JPEG, PNG, WebP or GIF image.", code="image_format")
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise _too_many_pixels(width, height, 1)
    # Counting a GIF's frames reads their headers only; the file is at most MAX_BYTES.
    frames = getattr(image, "n_frames", 1)
    if width * height * frames > MAX_PIXELS:
        raise _too_many_pixels(width, height, frames)


def validate_image(file):
    """Accept only a JPEG, PNG, WebP or GIF image that Pillow can read, within limits.

    The metadata-free copy made on the way (``without_metadata``) is kept on the file,
    so that saving it does not decode the image again.
    """
    if file.size is not None and file.size > MAX_BYTES:
        raise ValidationError(
            "The image is %(size)s; the limit is %(limit)s.",
            code="image_too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(MAX_BYTES)},
        )
    if getattr(file, "closed", False) and getattr(file, "_committed", False):
        # A stored image whose dimensions were just read (width_field) is closed again.
        file.open("rb")
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with Image.open(file) as image:
            _check_header(image)
            image.verify()
        # A stored image was cleaned when it was uploaded; saving its article again
        # must not decode it again.
        clean = None if getattr(file, "_committed", False) else without_metadata(file)
    except ValidationError:
        raise
    except ImageTooSlow as error:
        raise ValidationError(
            "The image took more than %(limit)s seconds to process. Make it smaller or "
            "with fewer frames and upload it again.",
            code="image_too_slow",
            params={"limit": MAX_PROCESSING_SECONDS},
        ) from error
    except Exception as error:
        # Pillow raises many kinds of error for damaged or disguised files.
        raise ValidationError(
            "The file is not an image or is damaged. Upload a JPEG, PNG, WebP or GIF image.",
            code="invalid_image",
        ) from error
    finally:
        file.seek(position)
    if clean is not None:
        _remember_clean(file, clean)


def _remember_clean(file, clean):
    # A model field's validator gets the FieldFile; what it stores is the file inside.
    target = getattr(file, "file", file)
    target.newsroom_without_metadata = clean


def frames_within(image, deadline):
    """The image's frames, one at a time; ``ImageTooSlow`` once ``deadline`` (a
    ``time.monotonic()`` value) has passed."""
    for frame in ImageSequence.Iterator(image):
        if time.monotonic() > deadline:
            raise ImageTooSlow(f"still decoding after {MAX_PROCESSING_SECONDS} s")
        yield frame


def without_metadata(file):
    """The bytes of image ``file`` re-encoded without EXIF or other metadata.

    Photos carry the camera's location, serial number and owner; none of it should reach
    readers. The picture is turned upright first, as the EXIF orientation said. Raises
    ``ImageTooSlow`` past ``MAX_PROCESSING_SECONDS``.
    """
    deadline = time.monotonic() + MAX_PROCESSING_SECONDS
    file.seek(0)
    with Image.open(file) as image:
        _check_header(image)
        kind = image.format
        options = {"format": kind}
        if getattr(image, "is_animated", False):
            frames = [frame.copy() for frame in frames_within(image, deadline)]
            clean = frames[0]
            options.update(save_all=True, append_images=frames[1:])
            options.update(loop=image.info.get("loop", 0))
            if "duration" in image.info:
                options["duration"] = image.info["duration"]
        else:
            clean = ImageOps.exif_transpose(image)
        if kind == "JPEG":
            options.update(quality=90, optimize=True)
            if clean.mode not in {"RGB", "L", "CMYK"}:
                clean = clean.convert("RGB")
        if "icc_profile" in image.info:
            # Colour profile: not personal, and colours look wrong without it.
            options["icc_profile"] = image.info["icc_profile"]
        output = io.BytesIO()
        clean.save(output, **options)
    return output.getvalue()


def rendition_name(name):
    """Where the page-sized copy of the stored image ``name`` goes."""
    stem, _, extension = name.rpartition(".")
    return f"renditions/{stem}-w{RENDITION_WIDTH}.{extension}"


@task()
def make_rendition(name):
    """Store a copy of the image ``name`` at most ``RENDITION_WIDTH`` wide, for pages.

    Pages show the image itself until the copy exists, and when making it failed, so a
    slow or failing rendition costs readers bytes, never the page.
    """
    deadline = time.monotonic() + MAX_PROCESSING_SECONDS
    with default_storage.open(name) as file, Image.open(file) as image:
        _check_header(image)
        if image.width <= RENDITION_WIDTH:
            return
        size = (RENDITION_WIDTH, max(1, round(image.height * RENDITION_WIDTH / image.width)))
        frames = [frame.resize(size) for frame in frames_within(image, deadline)]
        options = {"format": image.format}
        if len(frames) > 1:
            options.update(save_all=True, append_images=frames[1:])
            options.update(loop=image.info.get("loop", 0))
        if "icc_profile" in image.info:
            options["icc_profile"] = image.info["icc_profile"]
        output = io.BytesIO()
        frames[0].save(output, **options)
    target = rendition_name(name)
    default_storage.delete(target)
    default_storage.save(target, ContentFile(output.getvalue()))


class SafeImageField(models.ImageField):
    """An image field that validates uploads and strips their metadata before storing,
    and has the page-sized copy made in the background once the save commits."""

    default_validators = [validate_image]
    # A field whose model makes copies of its own (the image library) turns this off.
    makes_page_copy = True

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        new = bool(file) and not file._committed
        if new:
            clean = getattr(file.file, "newsroom_without_metadata", None)
            file.file = ContentFile(clean or without_metadata(file.file), name=file.name)
        file = super().pre_save(model_instance, add)
        if new and self.makes_page_copy:
            transaction.on_commit(partial(make_rendition.enqueue, file.name), robust=True)
        return file
