"""The review of a change to a published statement, in a real Chromium, with real mail.

An Editor corrects a published statement; readers keep the published text; the Publisher
finds the change in the review queue with its word diff and approves it; readers then see
the new text and the correction. Each notice goes through Django's SMTP backend to a local
aiosmtpd server.
"""

import datetime

import pytest
from playwright.sync_api import expect

from core.history import revision
from news.models import Statement, Status
from tests.conftest import role_group
from tests.support.smtp import body_text, links

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long review password 42"
OLD = "The ministers agreed to meet again in the spring in Minsk to review the plan."
NEW = "The ministers agreed to meet again in the autumn in Minsk to review the plan."


def staff(django_user_model, name, group_name):
    user = django_user_model.objects.create_user(
        name, f"{name}@example.org", PASSWORD, is_staff=True
    )
    user.groups.add(role_group(group_name))
    return user


def logged_in(browser, live_server, name):
    context = browser.new_context()
    page = context.new_page()
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", name)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_contain_text(name)
    return page


@pytest.fixture
def statement(official):
    statement = Statement(
        speaker=official,
        text=OLD,
        said_on=datetime.date(2024, 11, 28),
        language="en",
        status=Status.PUBLISHED,
    )
    with revision(statement, reason="Created"):
        statement.save()
    return statement


def test_an_editors_change_waits_for_the_publisher_then_readers_see_it(
    live_server, browser, mailbox, django_user_model, statement, artifacts
):
    staff(django_user_model, "editor", "Editors")
    staff(django_user_model, "publisher", "Publishers")
    public_url = live_server.url + statement.get_absolute_url()

    # The Editor changes the text, with a reason and the kind of change.
    editor = logged_in(browser, live_server, "editor")
    editor.goto(live_server.url + f"/admin/news/statement/{statement.pk}/change/")
    expect(editor.locator("select[name=status]")).to_have_count(0)  # no publish control
    editor.fill("#id_text", NEW)
    editor.fill("#id_change_reason", "The meeting is in the autumn")
    editor.check("input[name=change_kind][value=substantive]")
    editor.click("input[name=_save]")
    expect(editor.locator(".messagelist")).to_contain_text("waits for a publisher")
    expect(editor.locator("#review-panel")).to_contain_text("Change proposed")

    [submitted] = mailbox.wait_for(1)
    assert "publisher@example.org" in submitted["X-Envelope-To"]
    assert "A change waits for review" in submitted["Subject"]
    assert any(link.endswith("/admin/news/newsitem/review/") for link in links(submitted))

    # A reader still sees the published text.
    reader = browser.new_context().new_page()
    reader.goto(public_url)
    expect(reader.locator("main")).to_contain_text(OLD)
    expect(reader.locator("main")).not_to_contain_text("autumn")

    # The Publisher sees what waits, opens the queue, reads the diff and approves.
    publisher = logged_in(browser, live_server, "publisher")
    expect(publisher.locator("#review-module")).to_contain_text("1 waits")
    publisher.click("#review-module a")
    entry = publisher.locator(".review-entry")
    expect(entry).to_have_count(1)
    expect(entry.locator("del")).to_have_text("spring")
    expect(entry.locator("ins")).to_have_text("autumn")
    expect(entry).to_contain_text("The meeting is in the autumn")
    publisher.screenshot(path=str(artifacts / "review-queue.png"), full_page=True)
    entry.locator("button[value=approve]").click()
    expect(publisher.locator(".messagelist")).to_contain_text("The change is published")
    expect(publisher.locator(".review-entry")).to_have_count(0)

    approved = mailbox.wait_for(2)[1]
    assert approved["X-Envelope-To"] == "editor@example.org"
    assert "Your change is published" in approved["Subject"]
    assert "publisher" in body_text(approved)

    # The reader now sees the new text, and the correction in the public errata.
    reader.goto(public_url)
    expect(reader.locator("main")).to_contain_text(NEW)
    reader.goto(live_server.url + "/corrections/")
    expect(reader.locator(".corrections-list")).to_contain_text("The meeting is in the autumn")
