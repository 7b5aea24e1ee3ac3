import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as Pillow

from media_library.models import Image
from media_library.renditions import SHARE_SIZE, WIDTHS, focal_crop_box
from tests.admin_forms import article_form
from tests.factories import make_article, make_official

ADD_URL = "/admin/media_library/image/add/"


def photo(size=(1600, 900), kind="JPEG", name="photo.jpg", colour="white"):
    output = io.BytesIO()
    Pillow.new("RGB", size, colour).save(output, kind)
    return SimpleUploadedFile(name, output.getvalue())


def two_halves(size=(2000, 600)):
    """A wide picture, red on its left half and blue on its right."""
    picture = Pillow.new("RGB", size, (255, 0, 0))
    picture.paste((0, 0, 255), (size[0] // 2, 0, size[0], size[1]))
    output = io.BytesIO()
    picture.save(output, "PNG")
    return SimpleUploadedFile("halves.png", output.getvalue())


@pytest.fixture
def make_image(db, django_capture_on_commit_callbacks):
    """Save a library image as the admin does, its copies made by the background task."""

    def make(file=None, **fields):
        fields = {"title": "Workshop", "alt_text": "Students at a lathe", "credit": "A. N."} | {
            **fields
        }
        image = Image(file=file or photo(), **fields)
        image.full_clean()
        with django_capture_on_commit_callbacks(execute=True):
            image.save()
        image.refresh_from_db()
        return image

    return make


class UploadTests:
    def test_the_admin_refuses_an_image_without_alt_text_or_credit(self, editor_client):
        data = {"file": photo(), "title": "Lathe", "focal_x": "0.5", "focal_y": "0.5"}
        response = editor_client.post(ADD_URL, data)
        assert response.status_code == 200
        errors = response.context["adminform"].form.errors
        assert set(errors) == {"alt_text", "credit"}
        assert "This field is required." in response.content.decode()
        assert not Image.objects.exists()

    def test_an_editor_uploads_an_image_in_the_admin(
        self, editor_client, editor, django_capture_on_commit_callbacks
    ):
        data = {"file": photo(), "title": "Lathe", "alt_text": "A lathe", "credit": "A. N."}
        data |= {"focal_x": "0.5", "focal_y": "0.5", "caption": ""}
        with django_capture_on_commit_callbacks(execute=True):
            response = editor_client.post(ADD_URL, data)
        assert response.status_code == 302
        image = Image.objects.get()
        assert (image.width, image.height, image.uploaded_by) == (1600, 900, editor)
        listing = editor_client.get("/admin/media_library/image/?q=lathe").content.decode()
        assert 'class="library-thumb"' in listing
        assert image.renditions["widths"][0]["webp"] in listing

    def test_an_editor_changes_a_stored_image_without_uploading_it_again(
        self, editor_client, make_image
    ):
        image = make_image()
        data = {"title": "Renamed", "alt_text": "A lathe", "credit": "A. N.", "caption": ""}
        data |= {"focal_x": "0.8", "focal_y": "0.4"}
        response = editor_client.post(f"/admin/media_library/image/{image.pk}/change/", data)
        assert response.status_code == 302
        image.refresh_from_db()
        assert (image.title, image.focal_x, image.width) == ("Renamed", 0.8, 1600)

    def test_the_change_form_offers_the_focal_point_picker_and_the_body_reference(
        self, editor_client, make_image
    ):
        image = make_image()
        page = editor_client.get(f"/admin/media_library/image/{image.pk}/change/").content.decode()
        assert "data-focal-picker" in page
        assert "admin/focal_point.js" in page
        assert f"![Students at a lathe](image:{image.pk})" in page
        assert "Not used as a lead image yet." in page


class RenditionTests:
    def test_the_task_makes_webp_and_original_copies_at_each_width(self, make_image, settings):
        image = make_image(photo((1600, 900)))
        widths = [copy["width"] for copy in image.renditions["widths"]]
        assert widths == [w for w in WIDTHS if w <= 1600]
        for copy in image.renditions["widths"]:
            with Pillow.open(settings.MEDIA_ROOT / copy["webp"]) as webp:
                assert (webp.format, webp.width) == ("WEBP", copy["width"])
            with Pillow.open(settings.MEDIA_ROOT / copy["original"]) as original:
                assert (original.format, original.width) == ("JPEG", copy["width"])
        with Pillow.open(settings.MEDIA_ROOT / image.renditions["share"]["name"]) as share:
            assert share.size == SHARE_SIZE

    def test_a_small_image_is_not_enlarged(self, make_image):
        image = make_image(photo((300, 200)))
        assert [copy["width"] for copy in image.renditions["widths"]] == [300]

    def test_saving_again_with_nothing_changed_keeps_the_copies(self, make_image, settings):
        image = make_image()
        before = image.renditions
        image.title = "Renamed"
        image.save()
        image.refresh_from_db()
        assert image.renditions == before

    def test_the_focal_point_moves_the_crop(
        self, make_image, settings, django_capture_on_commit_callbacks
    ):
        image = make_image(two_halves(), focal_x=0.05)

        def share_colour():
            image.refresh_from_db()
            with Pillow.open(settings.MEDIA_ROOT / image.renditions["share"]["name"]) as share:
                return share.convert("RGB").getpixel((share.width // 2, share.height // 2))

        assert share_colour()[0] > 200  # red: the left half
        old = settings.MEDIA_ROOT / image.renditions["share"]["name"]
        image.focal_x = 0.95
        with django_capture_on_commit_callbacks(execute=True):
            image.save()
        assert share_colour()[2] > 200  # blue: the right half
        assert not old.exists()

    @pytest.mark.parametrize(
        ("size", "focal", "box"),
        [
            ((2000, 600), (0.0, 0.5), (0, 0, 1143, 600)),
            ((2000, 600), (1.0, 0.5), (857, 0, 2000, 600)),
            ((1000, 1000), (0.5, 0.9), (0, 475, 1000, 1000)),
        ],
    )
    def test_the_crop_stays_inside_the_picture(self, size, focal, box):
        assert focal_crop_box(size, SHARE_SIZE[0] / SHARE_SIZE[1], focal) == box


class PageTests:
    def test_the_article_page_shows_the_lead_with_srcset(self, client, make_image):
        image = make_image()
        article = make_article("Lathes arrive", lead=image)
        page = client.get(article.get_absolute_url()).content.decode()
        assert '<source type="image/webp" srcset="' in page
        assert " 400w, " in page and ' 1600w"' in page
        assert 'width="800" height="450"' in page
        assert 'alt="Students at a lathe"' in page
        assert "Photo: A. N." in page
        share = f'/media/{image.renditions["share"]["name"]}"'
        assert share in page.split('<meta property="og:image"')[1].split(">")[0]
        assert share in page.split("application/ld+json")[1]

    def test_a_card_shows_the_lead_lazily(self, client, make_image):
        image = make_image()
        make_article("Lathes arrive", lead=image)
        page = client.get("/articles/").content.decode()
        assert 'class="card__image"' in page
        assert 'loading="lazy" decoding="async"' in page

    def test_a_lost_file_shows_the_alt_text(self, client, make_image, settings):
        image = make_image(photo(), caption="The new hall")
        (settings.MEDIA_ROOT / image.file.name).unlink()
        Image.objects.filter(pk=image.pk).update(renditions={})
        article = make_article("Lathes arrive", lead=image, body=f"![Lathe](image:{image.pk})")
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200
        page = response.content.decode()
        assert '<span class="picture__missing">Students at a lathe</span>' in page
        assert "og:image" not in page

    def test_the_page_shows_the_file_itself_until_the_copies_are_made(self, client, make_image):
        image = make_image()
        Image.objects.filter(pk=image.pk).update(renditions={})
        article = make_article("Lathes arrive", lead=image)
        page = client.get(article.get_absolute_url()).content.decode()
        assert f'src="/media/{image.file.name}"' in page
        assert "srcset" not in page


class BodyImageTests:
    def test_a_body_reference_becomes_a_figure_with_caption_and_credit(self, client, make_image):
        image = make_image(caption="The new hall")
        body = f"Before.\n\n![A lathe](image:{image.pk})\n\nAfter."
        page = client.get(make_article("Lathes", body=body).get_absolute_url()).content.decode()
        figure = page.split('<figure class="picture prose__figure">')[1].split("</figure>")[0]
        assert "srcset=" in figure
        assert 'alt="Students at a lathe"' in figure
        assert "The new hall" in figure and "Photo: A. N." in figure
        assert "<p><figure" not in page

    def test_a_body_reference_with_a_title_becomes_a_figure_too(self, client, make_image):
        image = make_image()
        body = f'![A lathe](image:{image.pk} "The lathe")'
        page = client.get(make_article("Lathes", body=body).get_absolute_url()).content.decode()
        assert '<figure class="picture prose__figure">' in page
        assert 'src="image:' not in page

    def test_an_unknown_image_leaves_its_alt_text(self, client, db):
        body = "![A <b>lathe</b> & a drill](image:999999)"
        response = client.get(make_article("Lathes", body=body).get_absolute_url())
        assert response.status_code == 200
        assert "<p>A &lt;b&gt;lathe&lt;/b&gt; &amp; a drill</p>" in response.content.decode()

    def test_an_editor_places_a_library_image_as_lead_in_the_admin(self, editor_client, make_image):
        image = make_image()
        article = make_article("Lathes")
        url = f"/admin/articles/article/{article.pk}/change/"
        response = editor_client.post(url, article_form(article, lead=str(image.pk)))
        assert response.status_code == 302, response.context["adminform"].form.errors
        article.refresh_from_db()
        assert article.lead == image
        page = editor_client.get(f"/admin/media_library/image/{image.pk}/change/")
        assert "Used in 1 article as lead image from the library" in page.content.decode()


class EntityImageTests:
    def test_an_official_page_shows_the_library_portrait_and_shares_its_crop(
        self, client, make_image
    ):
        image = make_image(alt_text="Yerlan Koshanov at the rostrum")
        official = make_official("Yerlan Koshanov")
        official.library_image = image
        official.save()
        page = client.get(official.get_absolute_url()).content.decode()
        assert 'alt="Yerlan Koshanov at the rostrum"' in page
        assert 'class="picture fact-box__figure"' in page and "srcset=" in page
        share = f'/media/{image.renditions["share"]["name"]}"'
        assert share in page.split('<meta property="og:image"')[1].split(">")[0]
        assert share in page.split("application/ld+json")[1]

    def test_the_image_page_counts_the_portrait(self, editor_client, make_image):
        image = make_image()
        make_official("Yerlan Koshanov", library_image=image)
        page = editor_client.get(f"/admin/media_library/image/{image.pk}/change/")
        assert "Used in 1 entity as portrait or logo from the library" in page.content.decode()
