"""The Varnish recipe's purges, run in a real varnishd in front of a stand-in app: a purge
never makes a reader wait (the copy held is served while the new page is fetched in the
background), an address gone replaces it at once, and an error never does.

Skipped without varnishd, as the compile check is; CI installs it."""

import shutil
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bench.common import varnish_command

pytestmark = pytest.mark.skipif(not shutil.which("varnishd"), reason="varnishd is not installed")


class App:
    """A stand-in for the app: each path answers what ``pages`` holds (a status, a body
    and, unless it is public, its Cache-Control), slowly enough that a reader waiting for
    it would show, with the path as its cache key."""

    DELAY = 0.3

    def __init__(self):
        self.pages = {"/robots.txt": (200, "User-agent: *")}
        app = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                status, body, *caching = app.pages.get(self.path, (404, "not found"))
                if self.path != "/robots.txt":
                    time.sleep(app.DELAY)
                encoded = body.encode()
                self.send_response(status)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", str(len(encoded)))
                caching = caching or ["public, max-age=60, s-maxage=3600"]
                self.send_header("Cache-Control", caching[0])
                self.send_header("xkey", self.path.strip("/"))
                self.end_headers()
                self.wfile.write(encoded)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


def free_port():
    with ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler) as probe:
        return probe.server_port


@pytest.fixture(scope="module")
def edge():
    app = App()
    port = free_port()
    with tempfile.TemporaryDirectory() as work:
        command = varnish_command(work, app.server.server_port, port)
        varnish = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 30
            while read(url, "/robots.txt")[0] != 200:
                assert time.monotonic() < deadline, "Varnish did not start"
                time.sleep(0.2)
            yield app, url
        finally:
            varnish.terminate()
            varnish.wait(timeout=30)
            app.server.shutdown()


def read(url, path):
    """(status, body, X-Cache, seconds) of a reader's GET."""
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url + path, timeout=10) as response:
            found = response.status, response.read().decode(), response.headers["X-Cache"]
    except urllib.error.HTTPError as error:
        found = error.code, error.read().decode(), error.headers["X-Cache"]
    except OSError:
        found = None, "", None
    return (*found, time.monotonic() - started)


def purge(url, key):
    request = urllib.request.Request(url + "/", method="PURGE", headers={"xkey": key})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200


def cached(app, url, path, body):
    app.pages[path] = (200, body)
    read(url, path)
    assert read(url, path)[1:3] == (body, "HIT")


def settled(url, path):
    """The page once the fetch the purge started has had time to land."""
    time.sleep(App.DELAY + 0.5)
    return read(url, path)


def test_after_a_purge_the_copy_held_is_served_at_once_then_the_new_page(edge):
    app, url = edge
    cached(app, url, "/story", "first text")
    app.pages["/story"] = (200, "edited text")
    purge(url, "story")
    status, body, _, seconds = read(url, "/story")
    assert (status, body) == (200, "first text")
    assert seconds < App.DELAY  # nobody waited for the app
    assert settled(url, "/story")[:2] == (200, "edited text")


def test_an_address_gone_replaces_the_copy_held_at_once(edge):
    app, url = edge
    cached(app, url, "/withdrawn", "story")
    app.pages["/withdrawn"] = (404, "not found")
    purge(url, "withdrawn")
    read(url, "/withdrawn")
    assert settled(url, "/withdrawn")[0] == 404
    time.sleep(1.5)
    app.pages["/withdrawn"] = (200, "published again")
    assert read(url, "/withdrawn")[:2] == (200, "published again")


def test_an_error_never_replaces_the_copy_held(edge):
    app, url = edge
    cached(app, url, "/fragile", "story")
    app.pages["/fragile"] = (500, "server error")
    purge(url, "fragile")
    read(url, "/fragile")
    assert settled(url, "/fragile")[:2] == (200, "story")


def test_a_page_kept_a_second_replaces_the_copy_held_then_is_fetched_again(edge):
    app, url = edge
    cached(app, url, "/raced", "first text")
    # Rendered as a change to something else on it landed: newer than the copy held.
    app.pages["/raced"] = (200, "newer text", "public, max-age=0, s-maxage=1")
    purge(url, "raced")
    read(url, "/raced")
    assert settled(url, "/raced")[:2] == (200, "newer text")
    app.pages["/raced"] = (200, "current text")
    time.sleep(1.2)  # its second is over
    read(url, "/raced")
    assert settled(url, "/raced")[:2] == (200, "current text")


def test_a_page_not_found_is_not_kept(edge):
    app, url = edge
    assert read(url, "/coming-soon")[0] == 404
    app.pages["/coming-soon"] = (200, "out now")
    assert read(url, "/coming-soon")[:2] == (200, "out now")
