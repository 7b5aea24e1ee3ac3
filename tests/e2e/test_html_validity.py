"""Every kind of public page, as the Nu Html Checker (the W3C validator) reads it."""

import json
import os
import re
import subprocess
import urllib.error
import urllib.request

import pytest

from tests.e2e.prepare_site import AUTHOR_SLUG, PICTURE_SLUG, RUSSIAN_SLUG, SECTION_SLUG

NOT_FOUND = "/no-such-page/"
FIXED_PAGES = [
    "/",
    "/articles/",
    "/articles/?date_from=2020-01-01",
    f"/ru/articles/{RUSSIAN_SLUG}/",
    f"/articles/{PICTURE_SLUG}/",
    f"/authors/{AUTHOR_SLUG}/",
    f"/sections/{SECTION_SLUG}/",
    "/institutions/",
    "/officials/",
    "/authors/",
    "/search/?q=workshop",
    "/kk/",
    NOT_FOUND,
]


def fetch(url):
    return fetch_with_status(url)[1]


def fetch_with_status(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def first_link(html, prefix):
    match = re.search(rf'href="({prefix}[^"/]+/)"', html)
    assert match, f"no link to {prefix}… on the page"
    return match.group(1)


@pytest.fixture(scope="module")
def pages(site):
    """Each page's address and HTML, with one article and one page of each entity kind."""
    paths = list(FIXED_PAGES)
    paths.append(first_link(fetch(site.url + "/articles/"), "/articles/"))
    paths.append(first_link(fetch(site.url + "/institutions/"), "/institutions/"))
    paths.append(first_link(fetch(site.url + "/officials/"), "/officials/"))
    fetched = {path: fetch_with_status(site.url + path) for path in paths}
    # A page that is missing would be checked as the 404 page instead.
    statuses = {path: status for path, (status, _) in fetched.items() if path != NOT_FOUND}
    assert set(statuses.values()) == {200}, statuses
    return {path: html for path, (_, html) in fetched.items()}


def test_every_page_type_has_no_validation_error(pages, tmp_path):
    jar = os.environ.get("E2E_VNU_JAR", "")
    assert os.path.isfile(jar), f"The Nu Html Checker is not at E2E_VNU_JAR={jar!r}"
    files = {}
    for number, (path, html) in enumerate(pages.items()):
        file = tmp_path / f"page-{number}.html"
        file.write_text(html)
        files[file.name] = path
    checked = subprocess.run(
        ["java", "-jar", jar, "--format", "json", "--errors-only", *map(str, tmp_path.iterdir())],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(checked.stderr)["messages"]
    errors = [
        f"{files.get(message.get('url', '').rsplit('/', 1)[-1], '?')}: {message['message']}"
        for message in messages
        if message["type"] != "info"
    ]
    assert errors == []
