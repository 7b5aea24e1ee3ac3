"""The API's docs page in a real browser, under the site's Content-Security-Policy."""


def test_the_docs_page_lists_the_operations_and_breaks_no_policy(reader):
    reader.add_init_script(
        "window.violations = [];"
        "document.addEventListener('securitypolicyviolation',"
        " event => window.violations.push(event.effectiveDirective + ' ' + event.blockedURI));"
    )
    response = reader.goto("/api/v1/docs")
    assert response.status == 200
    assert "script-src" in response.headers["content-security-policy"]
    operations = reader.locator(".opblock-summary-path")
    operations.first.wait_for()
    assert "/api/v1/articles" in operations.all_inner_texts()
    assert reader.evaluate("() => window.violations") == []


def test_an_operation_can_be_tried_from_the_page(reader):
    reader.goto("/api/v1/docs")
    reader.locator("#operations-articles-api_articles_list_articles").click()
    reader.get_by_role("button", name="Try it out").click()
    reader.get_by_role("button", name="Execute").click()
    status = reader.locator(".live-responses-table tbody .response-col_status").first
    status.wait_for()
    assert status.inner_text().strip() == "200"
