"""The reader's site in English, Russian and Kazakh: the address names the language."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from tests.factories import make_article

pytestmark = pytest.mark.django_db


def alternates(response):
    return dict(
        re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', response.text)
    )


def switcher(response):
    nav = re.search(r'<nav class="language-switcher".*?</nav>', response.text, re.S).group(0)
    return re.findall(
        r'<a href="([^"]+)" hreflang="(\w+)" lang="(\w+)"( aria-current="true")?', nav
    )


class InterfaceLanguageTests:
    @pytest.mark.parametrize(
        ("url", "lang", "heading"),
        [("/", "en", "Latest"), ("/ru/", "ru", "Последние"), ("/kk/", "kk", "Соңғы жаңалықтар")],
    )
    def test_the_front_page_speaks_the_language_of_its_address(self, client, url, lang, heading):
        make_article("One")
        make_article("Two")
        response = client.get(url)
        assert f'<html lang="{lang}">' in response.text
        assert f'id="latest-heading">{heading}</h2>' in response.text
        assert response["Content-Language"] == lang

    @pytest.mark.parametrize("header", ["ru", "kk,ru;q=0.9"])
    def test_an_address_without_a_language_is_english_whatever_the_browser_asks(
        self, client, header
    ):
        response = client.get("/", HTTP_ACCEPT_LANGUAGE=header)
        assert '<html lang="en">' in response.text
        assert "Front page" in response.text

    def test_a_language_cookie_changes_nothing_either(self, client, settings):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
        response = client.get("/articles/")
        assert '<html lang="en">' in response.text
        assert response.status_code == 200

    def test_english_addresses_keep_no_prefix(self, client):
        article = make_article("Kept address")
        assert article.get_absolute_url() == "/articles/kept-address/"
        assert client.get("/en/articles/kept-address/").status_code == 404

    def test_a_missing_page_in_russian_says_so_in_russian(self, client):
        response = client.get("/ru/no-such-page/")
        assert response.status_code == 404
        assert "Страница не найдена" in response.text

    def test_dates_are_written_as_each_language_writes_them(self, client):
        make_article("Dated", published_at=timezone.make_aware(dt.datetime(2024, 3, 5, 12)))
        assert "5 March 2024" in client.get("/articles/dated/").text
        assert "5 марта 2024" in client.get("/ru/articles/dated/").text
        assert "2024 ж. 5" in client.get("/kk/articles/dated/").text


class AlternatesAndSwitcherTests:
    def test_every_public_page_names_its_three_languages_and_a_default(self, client, settings):
        settings.NEWSROOM_SITE_URL = "https://news.example"
        make_article("Budget passed")
        for url in ("/", "/ru/articles/", "/kk/articles/budget-passed/", "/institutions/"):
            found = alternates(client.get(url))
            english = url.removeprefix("/ru").removeprefix("/kk")
            assert found == {
                "en": f"https://news.example{english}",
                "ru": f"https://news.example/ru{english}",
                "kk": f"https://news.example/kk{english}",
                "x-default": f"https://news.example{english}",
            }

    def test_the_switcher_links_the_same_page_and_marks_the_current_language(self, client):
        make_article("Budget passed")
        links = switcher(client.get("/ru/articles/budget-passed/"))
        assert links == [
            ("/articles/budget-passed/", "en", "en", ""),
            ("/ru/articles/budget-passed/", "ru", "ru", ' aria-current="true"'),
            ("/kk/articles/budget-passed/", "kk", "kk", ""),
        ]

    def test_the_admin_has_no_language_alternates(self, admin_client):
        assert alternates(admin_client.get("/admin/")) == {}

    def test_a_russian_page_leaves_the_next_english_one_english(self, client):
        client.get("/ru/")
        assert make_article("After").get_absolute_url() == "/articles/after/"


def section_nav(response):
    nav = re.search(r'<nav class="section-nav".*?</nav>', response.text, re.S).group(0)
    return re.findall(r'<a href="([^"]+)"( aria-current="page")?>([^<]+)</a>', nav)


class SiteChromeTests:
    """The masthead, the section navigation and the footer are rendered once per process
    for each language and section: each page still gets its own language's and marks its
    own section."""

    @pytest.fixture(autouse=True)
    def rendered_each_time(self, settings):
        settings.NEWSROOM_PAGE_CACHE = False

    def test_each_page_marks_its_own_section_in_its_own_language(self, client):
        make_article("Budget passed")
        pages = [
            ("/", "/", "Front page"),
            ("/articles/", "/articles/", "Articles"),
            ("/articles/budget-passed/", "/articles/", "Articles"),
            ("/institutions/", "/institutions/", "Institutions"),
            ("/ru/officials/", "/ru/officials/", "Должностные лица"),
            ("/kk/", "/kk/", None),
            ("/ru/", "/ru/", None),
        ]
        for url, current, name in pages * 2:  # the second time, from the kept parts
            links = section_nav(client.get(url))
            assert [href for href, marked, _ in links if marked] == [current], url
            if name:
                assert name in [text for href, _, text in links if href == current], url

    def test_the_footer_and_masthead_speak_the_language_of_the_page(self, client):
        for _ in range(2):
            english, russian = client.get("/").text, client.get("/ru/").text
            assert 'action="/search/"' in english and "RSS feed" in english
            assert 'action="/ru/search/"' in russian and "RSS feed" not in russian
            assert '<footer class="site-footer">' in russian

    def test_the_site_name_shows_as_configured(self, client, settings):
        assert "The Steppe Courier" not in client.get("/").text
        settings.NEWSROOM_SITE_NAME = "The Steppe Courier"
        assert '<a class="masthead__name" href="/">The Steppe Courier</a>' in client.get("/").text
