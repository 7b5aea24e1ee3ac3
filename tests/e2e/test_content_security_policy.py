"""The Content-Security-Policy in a real browser: markup that slips into a page cannot run.

The site escapes and sanitises what editors and readers type, so no injected script reaches
a page through the site itself. This test plays the attacker who got past that anyway: it
adds inline scripts to a real article page on its way to the browser, keeping the site's
own headers, and checks that Chromium refuses to run them while the page still works.
"""

import json

from playwright.sync_api import expect

ARTICLE_PATH = (
    "/articles/priorities-of-the-presidents-policy-focus-on-workers-needs-as-stated-by-koshanov/"
)
INJECTED = (
    "<script>window.injectedInline = true;</script>"
    '<img src="/static/missing.png" alt="" onerror="window.injectedHandler = true">'
    '<a id="injected-link" href="javascript:window.injectedUrl = true">injected</a>'
)


def serve_with_injection(page):
    """Route the article page through a handler that adds ``INJECTED`` before ``</main>``."""
    policies = []

    def inject(route):
        response = route.fetch()
        policies.append(response.headers.get("content-security-policy", ""))
        body = response.text().replace("</main>", INJECTED + "</main>", 1)
        route.fulfill(response=response, body=body)

    page.route(f"**{ARTICLE_PATH}", inject)
    return policies


def console_errors(page):
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    return errors


class ContentSecurityPolicyTests:
    def test_injected_inline_scripts_do_not_run(self, reader):
        policies = serve_with_injection(reader)
        errors = console_errors(reader)

        assert reader.goto(ARTICLE_PATH).status == 200
        assert policies and "script-src" in policies[0]
        assert "'unsafe-inline'" not in policies[0].split("script-src", 1)[1].split(";")[0]
        reader.locator("#injected-link").click()

        ran = reader.evaluate(
            "() => [window.injectedInline, window.injectedHandler, window.injectedUrl]"
        )
        assert ran == [None, None, None]
        refused = [text for text in errors if "Content Security Policy" in text]
        assert len(refused) >= 2, errors

    def test_the_pages_own_structured_data_still_loads(self, reader):
        serve_with_injection(reader)
        reader.goto(ARTICLE_PATH)
        expect(reader.get_by_role("heading", level=1)).to_be_visible()
        blocks = reader.locator('script[type="application/ld+json"]').all_text_contents()
        assert [json.loads(block)["@type"] for block in blocks] == ["NewsArticle"]
