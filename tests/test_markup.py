"""Every public page: landmarks, one h1, and nothing a strict Content-Security-Policy blocks."""

import re

import pytest

from tests.factories import make_article, make_institution, make_mention, make_official

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/articles/",
    "/articles/lu-ban-workshop-opens/",
    "/institutions/",
    "/institutions/mazhilis/",
    "/officials/",
    "/officials/yerlan-koshanov/",
    "/search/?q=workshop",
    "/no-such-page/",
]


@pytest.fixture(autouse=True)
def content():
    article = make_article("Lu Ban workshop opens", dek="Students arrive.")
    make_mention(article, make_institution("Mazhilis"), snippet="The Mazhilis agreed.")
    make_mention(article, make_official("Yerlan Koshanov"))


@pytest.mark.parametrize("url", PAGES)
class PublicPageMarkupTests:
    def test_has_the_landmarks_and_one_h1(self, client, url):
        html = client.get(url).content.decode()
        for landmark in ("<header", "<nav", "<main", "<footer"):
            assert landmark in html
        assert len(re.findall(r"<h1[\s>]", html)) == 1

    def test_has_no_inline_styles_or_scripts_but_json_ld(self, client, url):
        html = client.get(url).content.decode()
        assert " style=" not in html
        assert "<style" not in html
        for tag, body in re.findall(r"(<script[^>]*>)(.*?)</script>", html, re.S):
            # JSON-LD data, or a file of the site's own: no inline code, so no nonce
            # (the page is the same bytes for every reader).
            assert 'type="application/ld+json"' in tag or (' src="/static/' in tag and not body)
            assert "nonce=" not in tag

    def test_form_fields_have_labels(self, client, url):
        html = client.get(url).content.decode()
        for field_id in re.findall(r'<(?:input|select)[^>]*\bid="([^"]+)"', html):
            assert f'for="{field_id}"' in html

    def test_time_elements_carry_valid_machine_readable_times(self, client, url):
        html = client.get(url).content.decode()
        # HTML's grammar: a date, or a date and time to the second at most, with an offset.
        valid = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:?\d{2}|Z))?")
        for value in re.findall(r'<time[^>]*\bdatetime="([^"]*)"', html):
            assert valid.fullmatch(value), value

    def test_forms_name_where_they_go(self, client, url):
        html = client.get(url).content.decode()
        assert 'action=""' not in html

    def test_names_its_icons_and_manifest(self, client, url):
        html = client.get(url).content.decode()
        assert re.search(r'<link rel="icon" href="[^"]+favicon[^"]*\.ico"', html)
        assert '<link rel="apple-touch-icon"' in html
        assert '<link rel="manifest" href="/manifest.webmanifest">' in html
