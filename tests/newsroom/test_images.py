import contextlib
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from articles import services
from articles.models import Article
from newsroom import images
from newsroom.images import MAX_BYTES, RENDITION_WIDTH, rendition_name, validate_image
from tests.admin_forms import article_form
from tests.factories import make_article, make_official

GPS_TAG = 0x8825
MAKE_TAG = 0x010F


def image_bytes(kind="PNG", size=(40, 30), mode="RGB", **options):
    output = io.BytesIO()
    Image.new(mode, size, "white").save(output, kind, **options)
    return output.getvalue()


def upload(content, name="photo.jpg"):
    return SimpleUploadedFile(name, content)


def animation(frames, width, height):
    """An animated GIF of ``frames`` one-colour frames of width by height: a small file
    however many pixels it decodes to, as an attacker would make it."""
    one = io.BytesIO()
    Image.new("P", (width, height), 1).save(one, "GIF")
    data = one.getvalue()
    palette = 3 * (2 << (data[10] & 7)) if data[10] & 0x80 else 0
    start = data.index(b"\x2c", 13 + palette)
    head, frame = data[:start], data[start:-1]
    loop = b"\x21\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00"
    control = b"\x21\xf9\x04\x00\x0a\x00\x00\x00"
    return head + loop + (control + frame) * frames + b"\x3b"


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

    def test_refuses_an_animation_of_too_many_pixels_in_all_frames(self):
        bomb = animation(40, 6000, 6000)
        assert len(bomb) < 1_100_000
        with Image.open(io.BytesIO(bomb)) as image:
            assert image.size[0] * image.size[1] < images.MAX_PIXELS
        with pytest.raises(ValidationError) as error:
            validate_image(upload(bomb, "bomb.gif"))
        assert error.value.messages == [
            "The image is 6000 by 6000 pixels in 40 frames; the limit is 40 megapixels in "
            "all frames together. Make it smaller or with fewer frames and upload it again."
        ]

    def test_refuses_an_image_that_takes_too_long_to_process(self, monkeypatch):
        monkeypatch.setattr(images, "MAX_PROCESSING_SECONDS", -1)
        with pytest.raises(ValidationError, match="took more than -1 seconds to process"):
            validate_image(upload(animation(3, 20, 20), "slow.gif"))

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

    def test_an_image_is_decoded_once_when_uploaded_not_on_every_save(self, monkeypatch):
        article = make_article("Photo story", lead_image=upload(photo_with_exif()))

        def decoded_again(file):
            raise AssertionError("the stored image was decoded again")

        monkeypatch.setattr(images, "without_metadata", decoded_again)
        article.title = "Photo story, updated"
        services.article_save(article=article, by=None)
        assert Article.objects.get(pk=article.pk).title == "Photo story, updated"

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


@pytest.mark.django_db
class AnimationUploadTests:
    def test_a_reporter_uploading_a_decompression_bomb_gets_a_form_error(self, reporter_client):
        article = Article(title="Bomb", slug="bomb", body="Words.", status="draft")
        form = article_form(article, lead_image=upload(animation(40, 1200, 1000), "b.gif"))
        response = reporter_client.post("/admin/articles/article/add/", form)
        assert response.status_code == 200
        assert "in 40 frames; the limit is 40 megapixels in all frames together" in (
            response.text.replace("&#x27;", "'")
        )
        assert not Article.objects.filter(slug="bomb").exists()

    def test_an_animation_within_the_limit_is_stored_animated(self, reporter_client):
        article = Article(title="Animated", slug="animated", body="Words.", status="draft")
        frames = [Image.new("RGB", (200, 100), (25 * n, 0, 0)) for n in range(10)]
        output = io.BytesIO()
        frames[0].save(output, "GIF", save_all=True, append_images=frames[1:])
        form = article_form(article, lead_image=upload(output.getvalue(), "a.gif"))
        response = reporter_client.post("/admin/articles/article/add/", form)
        assert response.status_code == 302
        stored = Article.objects.get(slug="animated").lead_image
        with Image.open(stored.path) as image:
            assert image.n_frames == 10


@pytest.mark.django_db
class RenditionTests:
    @pytest.fixture
    def wide(self, django_capture_on_commit_callbacks):
        content = image_bytes("PNG", size=(2000, 500))
        with django_capture_on_commit_callbacks(execute=True):
            return make_article(
                "Wide", lead_image=upload(content, "wide.png"), lead_image_alt="A hall"
            )

    def test_pages_show_the_page_sized_copy_made_after_the_save(self, wide, client, settings):
        copy = rendition_name(wide.lead_image.name)
        with Image.open(settings.MEDIA_ROOT / copy) as image:
            assert image.size == (RENDITION_WIDTH, 320)
        page = client.get(wide.get_absolute_url())
        assert f'src="/media/{copy}"' in page.text

    def test_a_small_image_is_shown_as_it_is(self, client, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            article = make_article("Small", lead_image=upload(image_bytes("PNG"), "s.png"))
        page = client.get(article.get_absolute_url())
        assert f'src="/media/{article.lead_image.name}"' in page.text

    def test_a_failed_rendition_shows_the_image_itself(
        self, client, monkeypatch, django_capture_on_commit_callbacks
    ):
        def broken(image, deadline):
            raise OSError("broken data stream when reading image file")

        monkeypatch.setattr(images, "frames_within", broken)
        with django_capture_on_commit_callbacks(execute=True):
            article = make_article(
                "Wide", lead_image=upload(image_bytes("PNG", size=(2000, 500)), "w.png")
            )
        monkeypatch.undo()
        page = client.get(article.get_absolute_url())
        assert page.status_code == 200
        assert f'src="/media/{article.lead_image.name}"' in page.text

    def test_a_lost_image_file_leaves_the_alt_text(self, wide, client, settings):
        (settings.MEDIA_ROOT / wide.lead_image.name).unlink()
        (settings.MEDIA_ROOT / rendition_name(wide.lead_image.name)).unlink()
        page = client.get(wide.get_absolute_url())
        assert page.status_code == 200
        assert 'alt="A hall"' in page.text
