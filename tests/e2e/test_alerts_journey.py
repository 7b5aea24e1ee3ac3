"""A reader follows an institution by e-mail, confirms from the message, receives the
daily digest and leaves with the link it carries. Mail goes to files (the journeys' site
uses Django's file backend), sent by the site's task worker."""

import re
import sqlite3
import subprocess
import sys
import time
from urllib.parse import urlsplit

from playwright.sync_api import expect

from tests.e2e.conftest import _site_environment
from tests.e2e.support import ROOT, accessibility_violations, report, screenshot, watch_problems

ADDRESS = "reader@example.com"
MAIL_WAIT_SECONDS = 60


def mail_folder(site):
    return site.database.parent / "mail"


def wait_for_mail(site, containing, seen=0):
    """The text of the mail files once one more than ``seen`` holds ``containing``."""
    deadline = time.monotonic() + MAIL_WAIT_SECONDS
    while time.monotonic() < deadline:
        files = sorted(mail_folder(site).glob("*.log")) if mail_folder(site).exists() else []
        texts = [file.read_text() for file in files]
        found = [text for text in texts if containing in text]
        if len(found) > seen:
            return found[-1]
        time.sleep(0.5)
    raise AssertionError(f"No mail containing {containing!r} within {MAIL_WAIT_SECONDS}s")


def path_of(link_pattern, text):
    match = re.search(link_pattern, text)
    assert match, f"no link matching {link_pattern!r} in:\n{text}"
    return urlsplit(match.group(0)).path


def test_a_reader_follows_an_institution_by_email(site, reader):
    page = reader
    problems = watch_problems(page)
    page.goto("/institutions/")
    page.locator("main a[href^='/institutions/']").first.click()
    entity_path = urlsplit(page.url).path
    page.get_by_role("link", name="by e-mail").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("by e-mail")
    violations = accessibility_violations(page, "alerts-follow")
    assert not violations, report(violations)
    page.get_by_label("Your e-mail address").fill("not an address")
    page.get_by_role("button", name="Follow").click()
    expect(page.get_by_role("alert")).to_contain_text("valid email address")
    page.get_by_label("Your e-mail address").fill(ADDRESS)
    page.get_by_role("button", name="Follow").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your inbox")
    screenshot(page, "alerts-sent")

    confirmation = wait_for_mail(site, "Confirm your alert")
    assert f"To: {ADDRESS}" in confirmation
    page.goto(path_of(r"http://\S+/alerts/confirm/\S+/", confirmation))
    expect(page.get_by_role("heading", level=1)).to_have_text("Alert confirmed")

    # As if the reader had confirmed long ago: every article naming it is new to them.
    with sqlite3.connect(site.database) as database:
        database.execute("UPDATE alerts_subscription SET confirmed_at = '2000-01-01 00:00:00'")
    queued = subprocess.run(
        [sys.executable, "manage.py", "send_alert_digests"],
        cwd=ROOT,
        env=_site_environment(site.database.parent),
        capture_output=True,
        text=True,
    )
    assert queued.returncode == 0, queued.stderr
    digest = wait_for_mail(site, "List-Unsubscribe-Post: List-Unsubscribe=One-Click")
    assert "New articles naming" in digest
    assert entity_path in digest

    page.goto(path_of(r"http://\S+/alerts/unsubscribe/[^/\s>]+/", digest))
    expect(page.get_by_role("heading", level=1)).to_have_text("Stop this alert")
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Unsubscribed")
    screenshot(page, "alerts-unsubscribed")
    with sqlite3.connect(site.database) as database:
        (stopped,) = database.execute("SELECT unsubscribed_at FROM alerts_subscription").fetchone()
    assert stopped is not None
    assert problems == []
