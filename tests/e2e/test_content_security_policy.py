"""The Content-Security-Policy in a real browser: markup that slips into a page cannot run.

The site escapes and sanitises what editors and readers type, so no injected script reaches
a page through the site itself. These tests play the attacker who got past that anyway: they
add inline scripts to a real article page on its way to the browser and check that Chromium
refuses to run them under the site's own headers, and does run them once the policy header
is taken away (so the check can tell a policy that works from an injection that failed).
"""

import pytest

ARTICLE_PATH = (
    "/articles/priorities-of-the-presidents-policy-focus-on-workers-needs-as-stated-by-koshanov/"
)
INJECTED = (
    "<script>window.injectedInline = true;</script>"
    '<img src="/static/missing.png" alt="" onerror="window.injectedHandler = true">'
    '<a id="injected-link" href="javascript:window.injectedUrl = true">injected</a>'
)
RAN = "() => [window.injectedInline, window.injectedHandler, window.injectedUrl]"
POLICY = "content-security-policy"


def serve(page, *, inject=False, keep_policy=True):
    """Route the article page through a handler that may add ``INJECTED`` before
    ``</main>`` and may drop the policy header; returns the policies the site sent."""
    policies = []

    def handle(route):
        response = route.fetch()
        policies.append(response.headers.get(POLICY, ""))
        headers = {k: v for k, v in response.headers.items() if keep_policy or k != POLICY}
        body = response.text()
        if inject:
            assert "</main>" in body
            body = body.replace("</main>", INJECTED + "</main>", 1)
        route.fulfill(response=response, body=body, headers=headers)

    page.route(f"**{ARTICLE_PATH}", handle)
    return policies


def violations(page):
    """The directives of every policy violation the page reports, as they happen."""
    page.add_init_script(
        "window.violations = [];"
        "document.addEventListener('securitypolicyviolation',"
        " event => window.violations.push(event.effectiveDirective));"
    )
    return lambda: page.evaluate("() => window.violations")


class ContentSecurityPolicyTests:
    @pytest.mark.parametrize(
        ("keep_policy", "expected"), [(True, [None, None, None]), (False, [True, True, True])]
    )
    def test_injected_inline_scripts_run_only_without_the_policy(
        self, reader, keep_policy, expected
    ):
        policies = serve(reader, inject=True, keep_policy=keep_policy)

        assert reader.goto(ARTICLE_PATH).status == 200
        script_src = policies[0].split("script-src", 1)[1].split(";")[0]
        assert "'unsafe-inline'" not in script_src
        reader.locator("#injected-link").click()
        reader.wait_for_timeout(200)

        assert reader.evaluate(RAN) == expected

    def test_the_policy_reports_each_injected_script(self, reader):
        serve(reader, inject=True)
        reported = violations(reader)
        reader.goto(ARTICLE_PATH)
        reader.locator("#injected-link").click()
        reader.wait_for_timeout(200)
        assert reported().count("script-src-elem") >= 1
        assert reported().count("script-src-attr") >= 1

    def test_the_pages_own_scripts_need_no_nonce_and_break_no_rule(self, reader):
        """Its JSON-LD block is data, which the policy does not govern, and staff-edit.js
        is one of the site's own files: the page asks for no nonce, and is the same bytes
        for every reader."""
        policies = serve(reader)
        reported = violations(reader)
        reader.goto(ARTICLE_PATH)
        reader.wait_for_load_state("load")

        assert "nonce-" not in policies[0]
        scripts = reader.evaluate(
            "() => [...document.querySelectorAll('script')].map(s => s.type || s.src)"
        )
        assert "application/ld+json" in scripts
        assert any(script.endswith(".js") for script in scripts)
        assert reported() == []
