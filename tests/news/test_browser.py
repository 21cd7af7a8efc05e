"""A reader's path in a real Chromium: filter, read, see corrections, switch language."""

import re

import pytest
from playwright.sync_api import expect

from core.history import ChangeKind, revision
from news.demo import load_demo
from news.models import NewsItem, Statement
from people.models import Body

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def archive():
    """Load the demo archive and correct one statement, as an editor would."""
    load_demo()
    statement = Statement.objects.published().select_related("speaker").first()
    with revision(statement, reason="Corrected the attribution", kind=ChangeKind.SUBSTANTIVE):
        statement.text = statement.text + " He added that the plan would be reviewed in a year."
        statement.save()
    return statement


def test_filter_by_body_and_year(live_server, page, archive, artifacts):
    body = Body.objects.get(name="Council of Foreign Ministers")
    expected = NewsItem.objects.published().filter(bodies=body, published_on__year=2024).count()
    total = NewsItem.objects.published().count()
    assert 0 < expected < total

    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="News").click()
    expect(page.locator("#results-count")).to_contain_text(str(total))
    page.get_by_role("listbox", name="Body").select_option(label=body.name)
    page.get_by_role("spinbutton", name="Year").fill("2024")
    page.get_by_role("button", name="Apply").click()
    expect(page.locator("#results-count")).to_contain_text(f"{expected} item")
    expect(page.locator(".news-row")).to_have_count(expected)
    expect(page.locator(".active-filters")).to_contain_text(body.name)
    page.screenshot(path=artifacts / "news-filtered.png", full_page=True)

    # Removing the year filter widens the list again.
    page.get_by_role("link", name=re.compile("Remove filter Year")).click()
    expect(page.locator(".active-filters")).not_to_contain_text("2024")

    page.locator(".news-row-title").first.click()
    expect(page.locator("article h1")).to_be_visible()
    page.screenshot(path=artifacts / "news-detail.png", full_page=True)


def test_statement_corrections_show_a_word_diff(live_server, page, archive, artifacts):
    page.goto(live_server.url + archive.get_absolute_url())
    expect(page.locator("#revisions-title")).to_be_visible()
    expect(page.locator(".revision-summary")).to_contain_text("Corrected the attribution")
    page.get_by_role("link", name=re.compile("See every version")).click()
    inserted = page.locator(".revision ins").first
    expect(inserted).to_contain_text("reviewed in a year")
    expect(page.locator(".badge-substantive").first).to_be_visible()
    page.screenshot(path=artifacts / "statement-history.png", full_page=True)

    page.get_by_role("button", name="Compare").click()
    expect(page.locator(".comparison ins")).to_contain_text("reviewed in a year")


def test_switch_to_russian(live_server, page, archive, artifacts):
    page.goto(live_server.url + "/bodies/")
    page.get_by_role("link", name="Русский").click()
    expect(page).to_have_url(re.compile(r"/ru/bodies/$"))
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.locator(".main-nav")).to_contain_text("Новости")
    expect(page.locator("main")).to_contain_text("Совет министров иностранных дел")
    page.screenshot(path=artifacts / "bodies-ru.png", full_page=True)

    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(live_server.url + "/bodies/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
