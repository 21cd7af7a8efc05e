"""A reader's path to a summit in a real Chromium: from the home page to the Astana session
of 28 November 2024, who sat there, its Declaration, and the Council's calendar; in English
and in Russian."""

import re

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from news.demo import load_demo
from people.meetings import seats
from people.models import Meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def astana():
    load_demo()
    return Meeting.objects.select_related("body").get(
        body__name="Collective Security Council", date="2024-11-28"
    )


def test_from_home_to_the_astana_session_and_its_declaration(live_server, page, astana, artifacts):
    heads = [seat for seat in seats(astana) if seat.state is not None]
    present = [seat.official for seat in heads if seat.absence is None]
    absent = [seat.state for seat in heads if seat.absence is not None]
    assert len(present) >= 4 and absent  # Armenia stayed away, as a source says
    declaration = astana.documents.get(kind="declaration")

    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Meetings").click()
    page.get_by_role("combobox", name="Body").select_option(label=astana.body.name)
    page.get_by_role("spinbutton", name="Year").fill("2024")
    page.get_by_role("button", name="Apply").click()
    expect(page.locator("#results-count")).to_contain_text("1 meeting")
    page.get_by_role("link", name=re.compile("28 November 2024, Astana")).click()

    expect(page.locator("h1")).to_contain_text("Collective Security Council, 28 November 2024")
    seated = page.locator(".seat-list")
    for official in present:
        expect(seated).to_contain_text(official.name)
    for state in absent:
        expect(page.locator(".seat-absent")).to_contain_text(state.name)
    documents = page.locator(".document-list")
    expect(documents).to_contain_text("Interstate targeted programme")
    page.screenshot(path=artifacts / "meeting.png", full_page=True)

    calendar = page.get_by_role("link", name=re.compile("Subscribe to the calendar"))
    address = calendar.get_attribute("href")
    response = page.request.get(live_server.url + address)
    assert response.headers["content-type"].startswith("text/calendar")
    events = Calendar.from_ical(response.body()).walk("VEVENT")
    assert any(str(event["url"]).endswith(astana.get_absolute_url()) for event in events)

    documents.get_by_role("link", name=declaration.title).click()
    expect(page.locator("h1")).to_have_text(declaration.title)
    expect(page.locator(".timeline")).to_contain_text("Signed")
    page.get_by_role("link", name=astana.title).click()
    expect(page).to_have_url(live_server.url + astana.get_absolute_url())

    page.get_by_role("link", name="Русский").click()
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.locator("h1")).to_contain_text("Совет коллективной безопасности")
    expect(page.locator("h1")).to_contain_text("Астана")
    for official in present:
        expect(page.locator(".seat-list")).to_contain_text(official.name_ru)
    expect(page.locator(".seat-absent")).to_contain_text("не участвовала")
    page.get_by_role("link", name=declaration.title_ru).click()
    expect(page.locator("h1")).to_have_text(declaration.title_ru)
    expect(page.locator(".timeline")).to_contain_text("Подписан")
    page.get_by_role("link", name=re.compile("Астана")).first.click()
    subscribe = page.get_by_role("link", name=re.compile("Подписаться на календарь"))
    expect(subscribe).to_have_attribute("href", re.compile(r"^/ru/bodies/.+/calendar\.ics$"))
    page.screenshot(path=artifacts / "meeting-ru.png", full_page=True)
