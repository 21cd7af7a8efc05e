"""A reader's alert in a real Chromium: subscribe on a list, confirm from the email, a
publisher publishes, send_alerts mails it over SMTP, the unsubscribe link ends it."""

import datetime
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from alerts.models import Subscription
from news.models import NewsItem, Status
from tests.support.smtp import body_text, links

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def first_site_link(message, base):
    return next(link for link in links(message) if link.startswith(base + "/"))


def subscribe(page, base, path, email, mailbox, button):
    before = len(mailbox.messages)
    page.goto(base + path)
    form = page.locator("form.alert-form")
    form.locator("input[type=email]").fill(email)
    form.get_by_role("button", name=button).click()
    expect(page.locator("h1")).to_be_visible()
    return mailbox.wait_for(before + 1)[-1]


def test_subscribe_confirm_receive_and_unsubscribe(
    live_server, page, mailbox, council, publisher, artifacts
):
    council.name_ru = "Совет коллективной безопасности"
    council.save()
    base = live_server.url
    item = NewsItem.objects.create(
        title="The council agreed on a joint exercise",
        slug="council-agreed-exercise",
        published_on=datetime.date(2023, 11, 23),  # an old date: published late, still new
        language="en",
        lead="Leaders agreed to hold a joint exercise next spring.",
        text="Leaders agreed to hold a joint exercise next spring.",
        status=Status.DRAFT,
    )
    item.bodies.set([council])

    english = subscribe(
        page,
        base,
        "/news/?body=collective-security-council",
        "reader@example.org",
        mailbox,
        "Subscribe",
    )
    expect(page.locator("h1")).to_have_text("Check your inbox")
    russian = subscribe(
        page,
        base,
        "/ru/news/?body=collective-security-council",
        "chitatel@example.org",
        mailbox,
        "Подписаться",
    )
    assert "Подтвердите" in russian["Subject"]
    assert Subscription.objects.active().count() == 0

    for message in (english, russian):
        page.goto(first_site_link(message, base))
        expect(page.locator("h1")).to_have_text(re.compile("Your alert is on|Оповещение включено"))
    assert Subscription.objects.active().count() == 2
    page.screenshot(path=artifacts / "alert-confirmed.png", full_page=True)

    # Nothing is published yet: the draft stays out of every email.
    call_command("send_alerts")
    assert len(mailbox.messages) == 2

    # A publisher publishes it from the admin's list.
    page.goto(base + "/admin/login/")
    page.fill("#id_username", "publisher")
    page.fill("#id_password", "pw-publisher")
    page.click("input[type=submit]")
    page.goto(base + "/admin/news/newsitem/")
    page.locator(f"input[name=_selected_action][value='{item.pk}']").check()
    page.select_option("select[name=action]", "publish")
    page.get_by_role("button", name="Run").or_(page.get_by_role("button", name="Go")).click()
    expect(page.locator(".messagelist")).to_be_visible()
    assert NewsItem.objects.get(pk=item.pk).status == Status.PUBLISHED
    page.context.clear_cookies()

    call_command("send_alerts")
    mailbox.wait_for(4)
    (en_alert,) = mailbox.to("reader@example.org")[1:]
    (ru_alert,) = mailbox.to("chitatel@example.org")[1:]
    assert "The council agreed on a joint exercise" in body_text(en_alert)
    assert "23 November 2023" in body_text(en_alert)
    assert "Collective Security Council" in body_text(en_alert)
    assert "New in the CSTO archive" in en_alert["Subject"]
    assert "Новое в архиве ОДКБ" in ru_alert["Subject"]
    assert "23 ноября 2023" in body_text(ru_alert)
    assert "Совет коллективной безопасности" in body_text(ru_alert)

    # The item's link works, then the unsubscribe link ends each alert.
    page.goto(first_site_link(en_alert, base))
    expect(page.locator("article h1")).to_have_text("The council agreed on a joint exercise")
    for message, button, done in (
        (en_alert, "Unsubscribe", "You are unsubscribed"),
        (ru_alert, "Отписаться", "Вы отписались"),
    ):
        unsubscribe = next(link for link in links(message) if "/alerts/unsubscribe/" in link)
        page.goto(unsubscribe)
        page.get_by_role("button", name=button).click()
        expect(page.locator("h1")).to_have_text(done)
    assert Subscription.objects.active().count() == 0

    another = NewsItem.objects.create(
        title="The council met again",
        slug="council-met-again",
        published_on=datetime.date(2024, 6, 6),
        language="en",
        text="It met again.",
        status=Status.PUBLISHED,
    )
    another.bodies.set([council])
    call_command("send_alerts")
    assert len(mailbox.messages) == 4
