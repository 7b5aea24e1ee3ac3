import contextlib
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from newsroom.images import MAX_BYTES, validate_image
from tests.factories import make_article, make_official

GPS_TAG = 0x8825
MAKE_TAG = 0x010F


def image_bytes(kind="PNG", size=(40, 30), mode="RGB", **options):
    output = io.BytesIO()
    Image.new(mode, size, "white").save(output, kind, **options)
    return output.getvalue()


def upload(content, name="photo.jpg"):
    return SimpleUploadedFile(name, content)


def photo_with_exif():
    exif = Image.Exif()
    exif[MAKE_TAG] = "Spy Camera"
    exif[GPS_TAG] = {1: "N", 2: (51.0, 10.0, 0.0)}
    return image_bytes("JPEG", exif=exif.tobytes())


class ImageValidatorTests:
    @pytest.mark.parametrize("kind", ["JPEG", "PNG", "WEBP", "GIF"])
    def test_accepts_real_images(self, kind):
        validate_image(upload(image_bytes(kind)))

    def test_refuses_other_image_formats(self):
        with pytest.raises(ValidationError, match="JPEG, PNG, WebP or GIF"):
            validate_image(upload(image_bytes("BMP"), "picture.jpg"))

    def test_refuses_a_script_named_like_an_image(self):
        with pytest.raises(ValidationError, match="not an image"):
            validate_image(upload(b"<script>alert(1)</script>", "photo.png"))

    def test_refuses_a_truncated_image(self):
        with pytest.raises(ValidationError):
            validate_image(upload(image_bytes("PNG")[:60]))

    def test_refuses_a_decompression_bomb(self):
        bomb = image_bytes("PNG", size=(8000, 6000), mode="1")
        assert len(bomb) < 100_000
        with pytest.raises(ValidationError, match="megapixels"):
            validate_image(upload(bomb))

    def test_refuses_a_huge_file(self):
        big = upload(image_bytes("PNG"))
        big.size = MAX_BYTES + 1
        with pytest.raises(ValidationError, match=r"the limit is 10\.0"):
            validate_image(big)

    @given(st.binary(max_size=2048))
    def test_random_bytes_are_never_accepted(self, content):
        with pytest.raises(ValidationError):
            validate_image(upload(content))

    @given(st.binary(max_size=512))
    def test_damaged_images_are_refused_cleanly(self, tail):
        content = image_bytes("PNG")[:33] + tail
        with contextlib.suppress(ValidationError):
            validate_image(upload(content))


@pytest.mark.django_db
class MetadataStrippingTests:
    def test_article_lead_image_is_stored_without_exif(self):
        assert Image.open(io.BytesIO(photo_with_exif())).getexif()[MAKE_TAG] == "Spy Camera"
        article = make_article("Photo story", lead_image=upload(photo_with_exif()))
        with Image.open(article.lead_image.path) as stored:
            assert dict(stored.getexif()) == {}
            assert stored.size == (40, 30)

    def test_entity_image_is_stored_without_exif(self):
        official = make_official("Yerlan Koshanov", image=upload(photo_with_exif()))
        with Image.open(official.image.path) as stored:
            assert dict(stored.getexif()) == {}

    def test_photo_is_turned_upright(self):
        exif = Image.Exif()
        exif[0x0112] = 6  # the camera was turned: rotate 90° clockwise to show
        content = image_bytes("JPEG", size=(40, 30), exif=exif.tobytes())
        article = make_article("Portrait", lead_image=upload(content))
        with Image.open(article.lead_image.path) as stored:
            assert stored.size == (30, 40)

    def test_animated_gif_keeps_its_frames(self):
        frames = [Image.new("RGB", (10, 10), colour) for colour in ("red", "green", "blue")]
        output = io.BytesIO()
        frames[0].save(output, "GIF", save_all=True, append_images=frames[1:])
        article = make_article("Animated", lead_image=upload(output.getvalue(), "a.gif"))
        with Image.open(article.lead_image.path) as stored:
            assert stored.n_frames == 3

    def test_admin_refuses_a_fake_image(self, editor_client):
        response = editor_client.post(
            "/admin/institutions/official/add/",
            {
                "name": "Someone",
                "image": upload(b"GIF89a not really", "x.gif"),
                "aliases-TOTAL_FORMS": "0",
                "aliases-INITIAL_FORMS": "0",
                "appointments-TOTAL_FORMS": "0",
                "appointments-INITIAL_FORMS": "0",
            },
        )
        assert response.status_code == 200
        assert "errorlist" in response.text
