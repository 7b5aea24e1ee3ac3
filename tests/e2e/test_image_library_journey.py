"""An editor uploads a picture to the library, sets its focal point by clicking it,
places it in an article body and publishes; a reader on a phone gets a small copy."""

import io
import mimetypes
import re

from PIL import Image as Pillow
from playwright.sync_api import expect

from tests.e2e.support import PHONE, log_in, screenshot, write_body
from tests.e2e.test_content_security_policy import violations

TITLE = "The welding hall opens to first-year students"
ALT = "Two students welding a car frame"


def two_halves():
    """A wide JPEG, red on its left half and blue on its right."""
    picture = Pillow.new("RGB", (2000, 1000), (200, 30, 30))
    picture.paste((30, 60, 200), (1000, 0, 2000, 1000))
    output = io.BytesIO()
    picture.save(output, "JPEG", quality=90)
    return output.getvalue()


def serve_uploads(page, media):
    """Serve /media/ from the site's upload folder, as the production web server does."""

    def fulfil(route):
        path = media / route.request.url.split("/media/", 1)[1]
        if not path.is_file():
            route.fulfill(status=404)
            return
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        route.fulfill(status=200, body=path.read_bytes(), headers={"Content-Type": kind})

    page.route("**/media/**", fulfil)


def upload(page):
    page.goto("/admin/media_library/image/add/")
    page.locator("#id_file").set_input_files(
        {"name": "welding.jpg", "mimeType": "image/jpeg", "buffer": two_halves()}
    )
    page.locator("#id_title").fill("Welding hall")
    page.locator("#id_alt_text").fill(ALT)
    page.locator("#id_credit").fill("Aigerim Nurlanova")
    page.locator("#id_caption").fill("The new welding hall on its first day.")
    page.locator("input[name='_continue']").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    return re.search(r"/image/(\d+)/change/", page.url).group(1)


def set_focal_point_on_the_right(page):
    preview = page.locator("[data-focal-picker] img")
    box = preview.bounding_box()
    preview.click(position={"x": box["width"] * 0.8, "y": box["height"] * 0.4})
    expect(page.locator("#id_focal_x")).to_have_value("0.800")
    expect(page.locator("#id_focal_y")).to_have_value("0.400")
    expect(page.locator(".focal-picker__marker")).to_be_visible()
    screenshot(page, "library-focal-point")
    page.locator("input[name='_continue']").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    expect(page.locator("#id_focal_x")).to_have_value("0.8")


def wait_for_copies(page, image_id):
    """The background worker makes the copies; the library list shows the smallest."""
    thumbnail = page.locator(f"a[href$='/image/{image_id}/change/'] img.library-thumb")
    for _ in range(40):
        page.goto("/admin/media_library/image/")
        if "/renditions/" in (thumbnail.get_attribute("src") or ""):
            return
        page.wait_for_timeout(250)
    raise AssertionError("The copies of the uploaded image were not made within 10 s.")


def publish_with_image_in_body(page, image_id):
    page.goto("/admin/articles/article/add/")
    page.locator("#id_title").fill(TITLE)
    body = f"Students started on Monday.\n\n![{ALT}](image:{image_id})\n\nThe hall has 24 posts."
    write_body(page, body)
    page.locator("#id_status").select_option("published")
    page.locator("input[name='_continue']").click()
    # Publishing asks first.
    page.get_by_role("button", name="Yes, publish it").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    return f"/articles/{page.locator('#id_slug').input_value()}/"


class ImageLibraryJourneyTests:
    def test_upload_focus_place_publish_and_read_on_a_phone(self, new_page, site):
        editor = new_page()
        serve_uploads(editor, site.media)
        reported = violations(editor)
        log_in(editor, "eda")
        image_id = upload(editor)
        set_focal_point_on_the_right(editor)
        assert reported() == []  # the picker runs, and moves its marker, under the CSP
        wait_for_copies(editor, image_id)
        path = publish_with_image_in_body(editor, image_id)

        reader = new_page()
        reader.set_viewport_size(PHONE)
        serve_uploads(reader, site.media)
        response = reader.goto(path)
        assert response.status == 200
        figure = reader.locator(".story__body figure.prose__figure")
        expect(figure).to_contain_text("Photo: Aigerim Nurlanova")
        image = figure.locator("img")
        expect(image).to_have_attribute("alt", ALT)
        expect(image).to_have_attribute("loading", "lazy")
        image.scroll_into_view_if_needed()
        expect(image).to_have_js_property("complete", True)
        # A 390-pixel-wide screen takes the 400-pixel WebP copy, not the 2000-pixel file.
        chosen = image.evaluate("img => img.currentSrc")
        assert re.search(r"/renditions/library/\d+/\w+/welding\w*-w400\.webp$", chosen), chosen
        assert image.evaluate("img => img.naturalWidth") > 0  # it loaded and decoded
        screenshot(reader, "library-body-image")
        shared = reader.locator("meta[property='og:image']")
        # The body image is not the article's lead: it shares its drawn card instead.
        expect(shared).to_have_attribute("content", re.compile(r"/card\.png$"))
