"""What the browser journeys share: logging in, screenshots and the accessibility check."""

import json
import re
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.e2e.prepare_site import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
AXE_REPORTS = ARTIFACTS / "axe"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
BLOCKING_IMPACTS = ("serious", "critical")

_axe = Axe()


def log_in(page, username):
    """Log in through the admin's own login form, as an editor would."""
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def write_body(page, text):
    """Replace the article body with ``text`` in the Markdown editor, as pasting would."""
    page.locator(".field-body .CodeMirror").click()
    page.evaluate("text => document.getElementById('id_body').markdownEditor.value(text)", text)


def screenshot(page, name):
    """Save full-page screenshots of ``page`` at desktop and phone widths."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for label, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(viewport)
        page.screenshot(path=SCREENSHOTS / f"{name}-{label}.png", full_page=True)
    page.set_viewport_size(DESKTOP)


def overflow_at(page, viewport):
    """How many pixels ``page`` is wider than a screen of ``viewport``'s size."""
    page.set_viewport_size(viewport)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    page.set_viewport_size(DESKTOP)
    return overflow


def _describe(violation):
    lines = [f"[{violation['impact']}] {violation['id']}: {violation['help']}"]
    lines.append(f"    {violation['helpUrl']}")
    for node in violation["nodes"]:
        lines.append(f"    at {', '.join(map(str, node['target']))}")
        lines.append(f"       {node['html'][:200]}")
        if node.get("failureSummary"):
            summary = node["failureSummary"].replace("\n", "\n         ")
            lines.append(f"         {summary}")
    return "\n".join(lines)


def accessibility_violations(page, name, context=None, impacts=BLOCKING_IMPACTS):
    """Run axe-core on ``page`` (or the parts ``context`` selects, in axe's form); save
    every violation, return those of ``impacts`` (None: every violation).

    axe is evaluated through the DevTools protocol, which the site's
    Content-Security-Policy does not govern, so the policy stays on during the check.
    """
    violations = _axe.run(page, context=context).response["violations"]
    AXE_REPORTS.mkdir(parents=True, exist_ok=True)
    (AXE_REPORTS / f"{name}.json").write_text(json.dumps(violations, indent=2))
    (AXE_REPORTS / f"{name}.txt").write_text(
        "\n\n".join(_describe(v) for v in violations) or "No violations.\n"
    )
    return [v for v in violations if impacts is None or v["impact"] in impacts]


def report(violations):
    return "\n\n".join(_describe(v) for v in violations)


def watch_problems(page):
    """Collect what a reader would not notice but should not happen: failed assets,
    script errors and anything the browser refused (a Content-Security-Policy block)."""
    problems = []

    def on_response(response):
        if response.status >= 400 and response.request.resource_type != "document":
            problems.append(f"{response.status} for {response.url}")

    def on_console(message):
        if message.type == "error" and "Failed to load resource" not in message.text:
            problems.append(f"console: {message.text}")

    page.on("response", on_response)
    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.on("requestfailed", lambda request: problems.append(f"failed: {request.url}"))
    return problems
