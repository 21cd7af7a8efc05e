"""send_alerts against a real SMTP server: what is sent, once, in the reader's language."""

import datetime

from django.core.management import call_command
from django.test import Client
from django.utils import timezone, translation

from alerts import services
from alerts.models import Subscription
from news.models import NewsItem, Status
from tests.support.smtp import body_text, links


def publish(item):
    item.status = Status.PUBLISHED
    item.save()
    return item


def run():
    call_command("send_alerts")


def test_a_published_matching_item_is_sent_once(active, mailbox, council, ministers, make_item):
    subscription = active(body=council.slug)
    draft = make_item(
        bodies=[council],
        status=Status.DRAFT,
        title="Council adopts the border plan",
        lead="The council adopted a plan for the southern border.",
    )
    make_item(bodies=[ministers], title="Ministers met elsewhere")  # another body
    run()
    assert mailbox.messages == []  # a draft is never in an email, nothing else matches

    publish(draft)
    run()
    (message,) = mailbox.wait_for(1)
    text = body_text(message)
    assert message["To"] == "reader@example.org"
    assert "Council adopts the border plan" in text
    assert "The council adopted a plan for the southern border." in text
    assert "Collective Security Council" in text
    assert "6 June 2024" in text
    assert "Ministers met elsewhere" not in text
    assert f"http://testserver{draft.get_absolute_url()}" in links(message)
    html = body_text(message, "html")
    assert f'href="http://testserver{draft.get_absolute_url()}"' in html
    unsubscribe = message["List-Unsubscribe"].strip().strip("<>")
    assert unsubscribe in links(message)
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    run()
    assert len(mailbox.messages) == 1  # nothing new: nothing sent
    subscription.refresh_from_db()
    assert subscription.last_sent_at is not None


def test_an_item_published_late_with_an_old_date_is_new(active, mailbox, council, make_item):
    """New means made public since the last email, whatever the source's date."""
    old = make_item(bodies=[council], status=Status.DRAFT, published_on=datetime.date(2001, 1, 2))
    active(body=council.slug)
    publish(old)
    run()
    assert old.title in body_text(mailbox.wait_for(1)[0])


def test_items_published_before_confirmation_are_not_sent(active, mailbox, council, make_item):
    make_item(bodies=[council])
    active(body=council.slug)
    run()
    assert mailbox.messages == []


def test_the_draft_never_reaches_the_email_even_with_a_published_neighbour(
    active, mailbox, council, make_item
):
    active(body=council.slug)
    make_item(bodies=[council], title="Public one")
    secret = make_item(bodies=[council], status=Status.DRAFT, title="Secret draft")
    secret.text = "changed"
    secret.save()
    run()
    (message,) = mailbox.wait_for(1)
    assert "Public one" in body_text(message)
    assert "Secret draft" not in body_text(message) + body_text(message, "html")


def test_an_unpublished_item_is_not_sent(active, mailbox, council, make_item):
    active(body=council.slug)
    item = make_item(bodies=[council])
    item.status = Status.DRAFT
    item.save()
    run()
    assert mailbox.messages == []


def test_the_email_is_in_the_language_of_the_page(active, mailbox, council, make_item):
    council.name_ru = "Совет коллективной безопасности"
    council.save()
    active(language_prefix="/ru", body=council.slug)
    item = make_item(bodies=[council], title="Совет принял план", language="ru")
    run()
    (message,) = mailbox.wait_for(1)
    text = body_text(message)
    assert "Новое в архиве ОДКБ" in message["Subject"]
    assert "Совет коллективной безопасности" in text
    assert "6 июня 2024" in text
    with translation.override("en"):
        path = item.get_absolute_url()
    assert f"http://testserver/ru{path}" in links(message)
    assert "/ru/alerts/unsubscribe/" in message["List-Unsubscribe"]


def test_one_click_unsubscribe_ends_it(active, mailbox, council, make_item):
    subscription = active(body=council.slug)
    make_item(bodies=[council])
    run()
    (message,) = mailbox.wait_for(1)
    link = message["List-Unsubscribe"].strip().strip("<>")
    # The page asks first: a link checker following the link unsubscribes nobody.
    page = Client().get(link)
    assert page.status_code == 200 and "<form" in page.content.decode()
    assert Subscription.objects.get(pk=subscription.pk).state == Subscription.State.ACTIVE
    # RFC 8058: a POST of the link, no cookie, no token.
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(link, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert Subscription.objects.get(pk=subscription.pk).state == Subscription.State.UNSUBSCRIBED
    make_item(bodies=[council])
    run()
    assert len(mailbox.messages) == 1


def test_the_manage_page_lists_the_address_and_changes_frequency(
    active, mailbox, council, ministers, make_item
):
    active(body=council.slug)
    active(body=ministers.slug)
    active(email="someone-else@example.org", year="2024")
    make_item(bodies=[council])
    run()
    mailbox.wait_for(2)
    (message,) = mailbox.to("reader@example.org")
    manage = next(link for link in links(message) if "/alerts/manage/" in link)
    page = Client().get(manage).content.decode()
    assert "Collective Security Council" in page and "Council of Foreign Ministers" in page
    assert "2024" not in page  # the other address's subscription
    one = Subscription.objects.get(filters={"body": [council.slug]})
    response = Client().post(manage, {"subscription": one.pk, "frequency": "weekly"})
    assert response.status_code == 302
    one.refresh_from_db()
    assert one.frequency == "weekly"
    other = Subscription.objects.get(email="someone-else@example.org")
    response = Client().post(manage, {"subscription": other.pk, "frequency": "weekly"})
    assert response.status_code == 404
    assert Client().post(manage, {"subscription": "x", "frequency": "weekly"}).status_code == 400


def test_a_daily_digest_waits_a_day_and_gathers_items(active, mailbox, council, make_item):
    subscription = active(body=council.slug, frequency="daily")
    make_item(bodies=[council], title="First")
    make_item(bodies=[council], title="Second")
    run()
    assert mailbox.messages == []
    Subscription.objects.filter(pk=subscription.pk).update(
        next_due_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    run()
    (message,) = mailbox.wait_for(1)
    assert "First" in body_text(message) and "Second" in body_text(message)
    subscription.refresh_from_db()
    assert subscription.next_due_at > timezone.now() + datetime.timedelta(hours=23)


def test_a_failed_send_is_retried_without_losing_items(
    active, mailbox, council, make_item, settings
):
    subscription = active(body=council.slug)
    make_item(bodies=[council], title="Kept for the retry")
    port = settings.EMAIL_PORT
    settings.EMAIL_PORT = 1  # nothing listens there: the send fails
    assert services.send_due() == (0, 1, 1)
    subscription.refresh_from_db()
    assert subscription.failures == 1 and subscription.state == Subscription.State.ACTIVE
    settings.EMAIL_PORT = port
    run()
    assert "Kept for the retry" in body_text(mailbox.wait_for(1)[0])
    subscription.refresh_from_db()
    assert subscription.failures == 0


def test_an_address_refused_again_and_again_is_disabled(active, mailbox, council, make_item):
    subscription = active(body=council.slug)
    make_item(bodies=[council])
    mailbox.refuse(subscription.email)  # the SMTP server answers 550 for it
    for _ in range(services.MAX_FAILURES):
        services.send_due()
    subscription.refresh_from_db()
    assert subscription.state == Subscription.State.DISABLED
    assert subscription.failures == services.MAX_FAILURES
    assert "No such user" in subscription.last_error
    mailbox.accept(subscription.email)
    run()
    assert mailbox.messages == []


def test_a_long_list_is_cut_with_a_link_to_the_rest(active, mailbox, council, make_item):
    active(body=council.slug)
    for n in range(services.MAX_ITEMS + 3):
        make_item(bodies=[council], title=f"Item number {n}")
    run()
    text = body_text(mailbox.wait_for(1)[0])
    assert f"{services.MAX_ITEMS + 3} new items" in text
    assert "And 3 more items" in text
    assert NewsItem.objects.count() == services.MAX_ITEMS + 3
