"""The API's documentation page works in a real Chromium under the site's Content Security
Policy: Swagger UI runs from our static files and shows every operation."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_docs_page_shows_every_operation_under_the_policy(live_server, page, artifacts):
    refused = []
    page.on("console", lambda message: refused.append(message.text))
    page.on("requestfailed", lambda request: refused.append(request.url))
    response = page.goto(live_server.url + "/api/docs/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    expect(page.locator(".opblock-summary-path").first).to_be_visible()
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/news/" in paths and "/api/popolo.json" in paths
    assert len(paths) == 17  # list and detail of 8 record types, and Popolo
    page.screenshot(path=artifacts / "api-docs.png", full_page=True)
    assert [text for text in refused if "Content Security Policy" in text] == []
