"""An editor's import in a real Chromium: a page of five stories, and a text with no date.

The pasted texts are the archive's founding texts in ../shared/seeds (read there, never
copied into the project); the archive holds each of their stories already, rewrapped, as an
earlier import would have left them.
"""

import datetime
import textwrap
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from news.demo import load_demo
from news.models import NewsItem

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEEDS = Path(settings.BASE_DIR).parent / "shared" / "seeds"
PASSWORD = "a long editor password 42"


def seed(prefix):
    found = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not found:
        pytest.skip(f"the founding texts are not in {SEEDS}")
    return found[0].read_text(encoding="utf-8")


def archived(text, title, day):
    """An item of the archive telling this text, rewrapped as another source printed it."""
    return NewsItem.objects.create(
        title=title,
        slug=title.lower().replace(" ", "-"),
        published_on=day,
        language="en",
        text=textwrap.fill(text, 70),
    )


@pytest.fixture
def editor_page(live_server, page, django_user_model):
    load_demo()
    django_user_model.objects.create_superuser("chief", "chief@example.org", PASSWORD)
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "chief")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_contain_text("chief")
    return page


def propose(page, live_server, text):
    page.goto(live_server.url + "/admin/news/newsitem/import/")
    page.fill("#id_text", text)
    page.click("input[name=analyse]")


def test_a_page_of_five_stories_gives_five_dated_proposals_flagged_as_copies(
    live_server, editor_page, artifacts
):
    page = editor_page
    text = seed("001")
    lines = [line for line in text.splitlines() if line.strip()]
    # Four one-paragraph stories, then one with its title line, closed by its source address.
    bodies = [*lines[:4], "\n".join(lines[5:-1])]
    days = [(2024, 12, 20), (2024, 12, 11), (2024, 12, 11), (2024, 12, 11), (2024, 5, 15)]
    before = NewsItem.objects.count()
    items = [
        archived(body, f"Archived story {number}", datetime.date(*day))
        for number, (body, day) in enumerate(zip(bodies, days, strict=True), 1)
    ]

    propose(page, live_server, text)
    stories = page.locator(".import-story")
    expect(stories).to_have_count(5)
    page.screenshot(path=str(artifacts / "import-five-stories.png"), full_page=True)
    dates = [stories.nth(n).locator("input[name$=published_on]").input_value() for n in range(5)]
    assert dates == ["", "", "2024-12-11", "2024-12-11", "2024-05-15"]
    # The story without a year asks for one at its Date field.
    expect(stories.nth(0).locator(".date-missing")).to_contain_text("no year")
    # One click takes the date the text writes, with the year of the page's other stories.
    candidate = stories.nth(0).locator(".date-candidates button").first
    expect(candidate).to_contain_text("20")
    candidate.click()
    expect(stories.nth(0).locator("input[name$=published_on]")).to_have_value("2024-12-20")
    for number, item in enumerate(items):
        link = stories.nth(number).locator(".import-copies a").first
        expect(link).to_have_attribute("href", f"/admin/news/newsitem/{item.pk}/change/")
    assert NewsItem.objects.count() == before + len(items)  # proposing saves nothing


def test_a_text_without_a_date_cannot_be_saved_until_one_is_given(
    live_server, editor_page, artifacts
):
    page = editor_page
    text = seed("003")
    before = NewsItem.objects.count()
    propose(page, live_server, text)
    date = page.locator("#id_published_on")
    expect(date).to_have_value("")
    expect(page.locator(".date-missing")).to_contain_text("states no date")

    page.fill("#id_title", "Tokayev at the Collective Security Council")
    page.click("input[name=save]")
    row = page.locator(".form-row.field-published_on")
    expect(row.locator(".errorlist")).to_contain_text("states no date")
    page.screenshot(path=str(artifacts / "import-no-date.png"), full_page=True)
    assert NewsItem.objects.count() == before

    page.locator("#id_published_on").fill("2024-11-28")
    page.click("input[name=save]")
    expect(page.locator(".messagelist")).to_contain_text("Saved as a draft")
    assert NewsItem.objects.count() == before + 1
    assert NewsItem.objects.latest("pk").published_on.isoformat() == "2024-11-28"


def test_the_editor_joins_two_stories_and_splits_one_by_ticking_their_first_lines(
    live_server, editor_page
):
    page = editor_page
    text = seed("001")
    propose(page, live_server, text)
    expect(page.locator(".import-story")).to_have_count(5)
    page.locator(".import-boundaries summary").click()
    boxes = page.locator(".import-lines input[name=start]")
    checked = [boxes.nth(n).is_checked() for n in range(boxes.count())]
    assert checked.count(True) == 5
    starts = [n for n, on in enumerate(checked) if on]
    # Join the second story to the first; start a story at the fifth one's second line.
    boxes.nth(starts[1]).uncheck()
    boxes.nth(starts[4] + 1).check()
    page.locator("input[name=analyse]").click()  # the only one, under the boxes
    stories = page.locator(".import-story")
    expect(stories).to_have_count(5)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    first = stories.nth(0).locator(".highlighted")
    expect(first).to_contain_text(lines[starts[1]][:40])
    expect(stories.nth(4).locator(".highlighted")).to_contain_text(lines[starts[4] + 1][:40])
    # The boxes show the stories now proposed.
    boxes = page.locator(".import-lines input[name=start]")
    assert not boxes.nth(starts[1]).is_checked() and boxes.nth(starts[4] + 1).is_checked()
