"""Uploaded images: only real, reasonably sized pictures, stored without metadata."""

import io

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.template.defaultfilters import filesizeformat
from PIL import Image, ImageOps

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
MAX_BYTES = 10 * 1024 * 1024
# Forty megapixels is more than any camera in the newsroom makes; more is a
# decompression bomb: a small file that would fill the server's memory when decoded.
MAX_PIXELS = 40_000_000


def validate_image(file):
    """Accept only a JPEG, PNG, WebP or GIF image that Pillow can read, within limits."""
    if file.size is not None and file.size > MAX_BYTES:
        raise ValidationError(
            "The image is %(size)s; the limit is %(limit)s.",
            code="image_too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(MAX_BYTES)},
        )
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with Image.open(file) as image:
            kind, (width, height) = image.format, image.size
            if kind not in ALLOWED_FORMATS:
                raise ValidationError("Upload a JPEG, PNG, WebP or GIF image.", code="image_format")
            if width * height > MAX_PIXELS:
                raise ValidationError(
                    "The image is %(width)s by %(height)s pixels; the limit is %(limit)s "
                    "megapixels. Make it smaller and upload it again.",
                    code="image_too_many_pixels",
                    params={"width": width, "height": height, "limit": MAX_PIXELS // 10**6},
                )
            image.verify()
    except ValidationError:
        raise
    except Exception as error:
        # Pillow raises many kinds of error for damaged or disguised files.
        raise ValidationError(
            "The file is not an image or is damaged. Upload a JPEG, PNG, WebP or GIF image.",
            code="invalid_image",
        ) from error
    finally:
        file.seek(position)


def without_metadata(file):
    """The bytes of image ``file`` re-encoded without EXIF or other metadata.

    Photos carry the camera's location, serial number and owner; none of it should reach
    readers. The picture is turned upright first, as the EXIF orientation said.
    """
    file.seek(0)
    with Image.open(file) as image:
        kind = image.format
        animated = getattr(image, "is_animated", False)
        options = {"format": kind}
        if animated:
            options.update(save_all=True, loop=image.info.get("loop", 0))
            clean = image
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


class SafeImageField(models.ImageField):
    """An image field that validates uploads and strips their metadata before storing."""

    default_validators = [validate_image]

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        if file and not file._committed:
            file.file = ContentFile(without_metadata(file.file), name=file.name)
        return super().pre_save(model_instance, add)
