"""The Content Security Policy in a real Chromium: no page, public or admin, breaks it."""

import pytest
from playwright.sync_api import expect

from news.demo import load_demo
from news.models import NewsItem, Statement
from people.models import Body, MemberState, Official

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Runs before any page script, so every violation of the page is caught, whatever its cause.
LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile || location.href}:${event.lineNumber}`
  );
});
"""


@pytest.fixture
def watched(page):
    """Return the page and a function that lists the policy violations seen so far."""
    console = []
    page.add_init_script(LISTEN)

    def keep_policy_messages(message):
        if "Content Security Policy" in message.text:
            console.append(message.text)

    page.on("console", keep_policy_messages)

    def violations():
        return console + page.evaluate("window.__cspViolations || []")

    return page, violations


def visit(page, violations, url):
    response = page.goto(url)
    assert response.status == 200, url
    assert "default-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_load_state("load")
    assert violations() == [], url


def test_public_pages_keep_the_policy(live_server, watched):
    page, violations = watched
    load_demo()
    item = NewsItem.objects.published().first()
    statement = Statement.objects.published().first()
    body = Body.objects.filter(news_items__isnull=False).first()
    for path in [
        "/",
        "/news/",
        f"/news/?body={body.slug}&year=2024",
        item.get_absolute_url(),
        item.get_absolute_url() + "history/",
        "/statements/",
        statement.get_absolute_url(),
        "/corrections/",
        "/officials/",
        Official.objects.first().get_absolute_url(),
        "/bodies/",
        body.get_absolute_url(),
        "/states/",
        MemberState.objects.first().get_absolute_url(),
        "/ru/",
        "/ru/news/",
    ]:
        visit(page, violations, live_server.url + path)


def test_admin_pages_keep_the_policy(live_server, watched, django_user_model, artifacts):
    page, violations = watched
    load_demo()
    django_user_model.objects.create_superuser("chief", password="pw-chief")
    item = NewsItem.objects.published().first()

    visit(page, violations, live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("chief")
    page.get_by_label("Password").fill("pw-chief")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#site-name")).to_be_visible()
    assert violations() == []

    visit(page, violations, live_server.url + "/admin/news/newsitem/")
    visit(page, violations, live_server.url + f"/admin/news/newsitem/{item.pk}/change/")
    # The autocomplete widgets build their drop-downs only when opened.
    page.locator(".field-bodies .select2-selection").click()
    expect(page.locator(".select2-results__option").first).to_be_visible()
    page.keyboard.press("Escape")
    # The calendar and clock pop-ups are built by script too.
    page.locator(".field-published_on .date-icon").click()
    expect(page.locator(".calendarbox:visible")).to_have_count(1)
    assert violations() == []

    visit(page, violations, live_server.url + "/admin/news/newsitem/import/")
    page.get_by_label("Article text").fill(
        "MOSCOW, June 6, 2024. The Council of Foreign Ministers of the CSTO met in Almaty."
    )
    page.get_by_role("button", name="Propose").click()
    expect(page.locator(".import-proposal")).to_be_visible()
    page.screenshot(path=artifacts / "admin-import-csp.png", full_page=True)
    assert violations() == []


def test_the_watch_sees_an_inline_style_and_script(live_server, watched):
    """The checks above would catch a violation: inline code added to a page is reported."""
    page, violations = watched
    visit(page, violations, live_server.url + "/bodies/")
    page.evaluate(
        """() => {
            document.body.innerHTML = '<p style="color: red">x</p>';
            const script = document.createElement("script");
            script.textContent = "window.ranInline = true";
            document.body.append(script);
        }"""
    )
    # Polled from here: wait_for_function would itself evaluate a string, which the policy forbids.
    for _ in range(50):
        seen = " ".join(violations())
        if "style-src-attr" in seen and "script-src-elem" in seen:
            break
        page.wait_for_timeout(100)
    assert "style-src-attr blocked inline" in seen
    assert "script-src-elem blocked inline" in seen
    assert page.evaluate("window.ranInline") is None
