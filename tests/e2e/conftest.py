"""The real site, served by gunicorn with production settings, driven by Debian's Chromium.

One server and one task worker run for the whole session on a fresh SQLite database
loaded with the seeds.
Each test gets its own browser context, so no cookie or cached page leaks between tests.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

from tests.e2e.support import ARTIFACTS, DESKTOP, ROOT

CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SERVER_START_SECONDS = 30


@dataclass(frozen=True)
class Site:
    url: str
    log: Path
    database: Path
    media: Path  # uploads, which production serves from the web server, not Django


def _site_environment(home):
    """Production settings over plain HTTP on 127.0.0.1, so the real 404 page shows."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "e2e-only-secret-key-not-used-anywhere-else-0123456789",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_HSTS_SECONDS": "0",
        "DATABASE_URL": f"sqlite:///{home / 'db.sqlite3'}",
        "MEDIA_ROOT": str(home / "media"),
        # Mail from the task worker lands in files the journeys read.
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "DJANGO_EMAIL_FILE_PATH": str(home / "mail"),
        "REDIS_URL": "",
        "PYTHONUNBUFFERED": "1",
    }


def _wait_until_serving(server, url, log):
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"The site's server exited early:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url + "/robots.txt", timeout=2):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"The site did not answer within {SERVER_START_SECONDS}s:\n{log.read_text()}")


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    home = tmp_path_factory.mktemp("site")
    env = _site_environment(home)
    ARTIFACTS.mkdir(exist_ok=True)
    log = ARTIFACTS / "e2e-server.log"
    prepared = subprocess.run(
        [sys.executable, "-m", "tests.e2e.prepare_site"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if prepared.returncode:
        pytest.fail(f"Preparing the site failed:\n{prepared.stdout}\n{prepared.stderr}")

    # The test process holds the listening socket and hands it to gunicorn: a free port
    # with no window in which another process could take it.
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    listener.set_inheritable(True)
    url = f"http://127.0.0.1:{listener.getsockname()[1]}"
    with log.open("w") as log_file:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                # Uploads are served beside the site, as the web server in front does.
                "newsroom.wsgi_media",
                f"--bind=fd://{listener.fileno()}",
                "--workers=2",
                "--threads=4",
                "--access-logfile=-",
            ],
            cwd=ROOT,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            pass_fds=(listener.fileno(),),
        )
        # Production runs background work (relinking after registry edits) in a worker.
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--interval=0.2", "--no-startup-delay"],
            cwd=ROOT,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    listener.close()
    try:
        _wait_until_serving(server, url, log)
        yield Site(url=url, log=log, database=home / "db.sqlite3", media=home / "media")
    finally:
        for process in (server, worker):
            process.terminate()
        for process in (server, worker):
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is not installed at {CHROMIUM}; run `make e2e` to install it.")
    with sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        except PlaywrightError as error:
            pytest.fail(f"Chromium at {CHROMIUM} did not start: {error}")
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser, site):
    """Open a page in a fresh browser context: a new visitor with no cookies or cache."""
    contexts = []

    def open_page(**options):
        context = browser.new_context(base_url=site.url, viewport=DESKTOP, **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def reader(new_page):
    return new_page()
