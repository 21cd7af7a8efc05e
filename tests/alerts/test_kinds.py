"""Alerts beyond a news list: meetings, an official's statements, renamed bodies and people."""

import datetime

from django.core.management import call_command
from django.utils import translation

from alerts.models import Subscription
from news.models import Status
from people.models import Meeting
from tests.support.smtp import body_text, links


def run():
    call_command("send_alerts")


def meeting(body, day, place="Astana", **fields):
    return Meeting.objects.create(
        body=body,
        slug=Meeting.slug_for(body, day),
        date=day,
        place=place,
        **fields,
    )


def test_the_meetings_list_has_the_form_with_its_filters(client, council):
    meeting(council, datetime.date(2024, 11, 28))
    page = client.get(f"/meetings/?body={council.slug}&year=2024").content.decode()
    assert "Email me new items like these" in page
    assert '<input type="hidden" name="kind" value="meetings">' in page
    assert f'<input type="hidden" name="body" value="{council.slug}">' in page
    assert '<input type="hidden" name="year" value="2024">' in page
    assert "Email me new items like these" not in client.get("/meetings/?year=x").content.decode()


def test_a_meeting_alert_stores_the_meeting_filters_normalised(client, mailbox, council):
    response = client.post(
        "/alerts/",
        {"email": "Reader@Example.org", "kind": "meetings", "body": council.slug, "place": ""},
    )
    assert response.status_code == 302
    subscription = Subscription.objects.get()
    assert subscription.kind == Subscription.Kind.MEETINGS
    assert subscription.filters == {"body": council.slug}
    assert subscription.get_absolute_url() == f"/meetings/?body={council.slug}"
    assert "Meetings" in body_text(mailbox.wait_for(1)[0])


def test_a_meeting_filter_the_list_refuses_is_a_form_error(client, mailbox, db):
    response = client.post(
        "/alerts/", {"email": "a@example.org", "kind": "meetings", "body": "no-such-body"}
    )
    assert response.status_code == 400
    assert "These filters could not be used" in response.content.decode()
    assert not Subscription.objects.exists() and mailbox.messages == []


def test_new_meetings_of_the_body_are_mailed_once(active, mailbox, council, ministers):
    meeting(council, datetime.date(2023, 11, 23), place="Minsk")  # recorded before: not new
    active(kind="meetings", body=council.slug)
    run()
    assert mailbox.messages == []
    new = meeting(council, datetime.date(2024, 11, 28), summary="The council met in Astana.")
    meeting(ministers, datetime.date(2024, 11, 27))
    run()
    (message,) = mailbox.wait_for(1)
    text = body_text(message)
    assert "Collective Security Council, 28 November 2024, Astana" in text
    assert "The council met in Astana." in text
    assert "Council of Foreign Ministers" not in text
    assert "23 November 2023" not in text
    assert f"http://testserver{new.get_absolute_url()}" in links(message)
    assert f'href="http://testserver{new.get_absolute_url()}"' in body_text(message, "html")
    assert message["List-Unsubscribe"]
    run()
    assert len(mailbox.messages) == 1


def test_a_meeting_alert_from_a_russian_page_is_in_russian(active, mailbox, council):
    council.name_ru = "Совет коллективной безопасности"
    council.save()
    active(language_prefix="/ru", kind="meetings", body=council.slug)
    meeting(council, datetime.date(2024, 11, 28), place="Astana")
    run()
    (message,) = mailbox.wait_for(1)
    text = body_text(message)
    assert "Совет коллективной безопасности" in text and "28 ноября 2024" in text
    assert "Заседания" in message["Subject"]
    assert "Заседания" in body_text(message, "html")


def test_an_official_alert_has_the_officials_new_statements_never_drafts(
    active, mailbox, official, make_statement, make_item
):
    make_statement(text="Published before the alert was asked for.")  # not new: not sent
    active(official=official.slug)
    draft = make_statement(text="A draft that must stay hidden.", status=Status.DRAFT)
    said = make_statement(text="The members agreed on a joint plan for the borders.")
    item = make_item(title="The Secretary General visited Almaty")
    item.officials.add(official)
    run()
    (message,) = mailbox.wait_for(1)
    text = body_text(message)
    html = body_text(message, "html")
    assert "The members agreed on a joint plan for the borders." in text
    assert "Statement by Aidar Testbekov, 6 June 2024" in text
    assert f"http://testserver{said.get_absolute_url()}" in links(message)
    assert "The Secretary General visited Almaty" in text
    assert "A draft that must stay hidden." not in text + html
    assert "Published before the alert" not in text + html
    assert "2 new items" in text

    draft.status = Status.PUBLISHED
    draft.save()
    run()
    (_first, second) = mailbox.wait_for(2)
    assert "A draft that must stay hidden." in body_text(second)
    run()
    assert len(mailbox.messages) == 2


def test_a_statement_alert_keeps_the_other_filters(active, mailbox, official, make_statement):
    active(official=official.slug, year="2024", language="ru")
    make_statement(text="Said in English, not followed.", language="en")
    make_statement(text="Сказано по-русски в 2024 году.", language="ru")
    make_statement(text="Сказано в 2023 году.", language="ru", said_on=datetime.date(2023, 5, 5))
    run()
    text = body_text(mailbox.wait_for(1)[0])
    assert "Сказано по-русски в 2024 году." in text
    assert "Said in English" not in text and "2023" not in text


def test_news_alerts_without_an_official_have_no_statements(
    active, mailbox, council, official, make_statement
):
    active(body=council.slug)
    make_statement(text="Not about the council's news.", body=council)
    run()
    assert mailbox.messages == []


def test_a_renamed_body_keeps_its_alert(active, mailbox, council, make_item):
    subscription = active(body=council.slug)
    council.slug = "csc"
    council.name = "Collective Security Council of the CSTO"
    council.save()
    item = make_item(bodies=[council], title="Council adopts the plan")
    run()
    (message,) = mailbox.wait_for(1)
    text = body_text(message)
    assert "Council adopts the plan" in text
    assert "Collective Security Council of the CSTO" in message["Subject"]
    assert f"http://testserver{item.get_absolute_url()}" in links(message)
    subscription.refresh_from_db()
    assert subscription.filters == {"body": ["collective-security-council"]}  # as it was
    run()
    assert len(mailbox.messages) == 1


def test_a_renamed_official_keeps_the_alert_and_its_statements(
    active, mailbox, official, make_statement
):
    active(official=official.slug)
    official.slug = "aidar-testbek"
    official.save()
    make_statement(text="Said after the rename.")
    run()
    assert "Said after the rename." in body_text(mailbox.wait_for(1)[0])


def test_a_renamed_body_of_a_meeting_alert_and_its_manage_page(client, active, mailbox, council):
    active(kind="meetings", body=council.slug)
    council.slug = "csc"
    council.save()
    meeting(council, datetime.date(2024, 11, 28))
    run()
    (message,) = mailbox.wait_for(1)
    assert "Collective Security Council" in body_text(message)
    manage = next(link for link in links(message) if "/alerts/manage/" in link)
    with translation.override("en"):
        page = client.get(manage).content.decode()
    assert "Collective Security Council" in page


def test_a_slug_no_body_ever_had_matches_nothing_and_is_no_error(
    active, mailbox, council, make_item
):
    subscription = active(body=council.slug)
    Subscription.objects.filter(pk=subscription.pk).update(filters={"body": ["never-was"]})
    make_item(bodies=[council])
    run()
    assert mailbox.messages == []


def test_the_statements_list_and_a_state_page_have_the_form(
    client, official, kazakhstan, make_statement, make_item
):
    make_statement()
    make_item().states.add(kazakhstan)
    page = client.get(f"/statements/?speaker={official.slug}&year=2024").content.decode()
    assert '<input type="hidden" name="kind" value="statements">' in page
    assert f'<input type="hidden" name="speaker" value="{official.slug}">' in page
    assert '<input type="hidden" name="year" value="2024">' in page
    page = client.get(kazakhstan.get_absolute_url()).content.decode()
    assert "Email me new items like these" in page
    assert f'<input type="hidden" name="state" value="{kazakhstan.slug}">' in page


def test_a_statements_list_alert_mails_new_published_statements_of_its_filters(
    active, mailbox, official, make_statement, council
):
    make_statement(text="An earlier statement makes the speaker a choice of the list.")
    subscription = active(kind="statements", speaker=official.slug, body=council.slug)
    assert subscription.filters == {"body": council.slug, "speaker": official.slug}
    make_statement(text="Said at the council.", body=council)
    make_statement(text="Said elsewhere.")
    make_statement(text="A draft said at the council.", body=council, status=Status.DRAFT)
    run()
    (message,) = mailbox.wait_for(1)
    text = body_text(message)
    assert "Said at the council." in text
    assert "Said elsewhere." not in text and "A draft" not in text
    assert message["Subject"].startswith("New in the CSTO archive: Statements")
    run()
    assert len(mailbox.messages) == 1


def test_a_row_public_before_alerts_knew_it_is_not_new_when_edited(
    active, mailbox, council, make_item, official, make_statement
):
    """Loaded by an import (no moment recorded) and edited later: not mailed as new."""
    from alerts.models import MeetingPublication, Publication, StatementPublication

    item = make_item(bodies=[council], title="Imported long ago")
    said = make_statement(text="Imported statement.")
    old = meeting(council, datetime.date(2020, 12, 2))
    for moments in (Publication, StatementPublication, MeetingPublication):
        moments.objects.all().delete()  # as an archive load leaves them
    active(body=council.slug)
    active(email="speaker-reader@example.org", official=official.slug)
    active(email="meetings-reader@example.org", kind="meetings", body=council.slug)
    item.title = "Imported long ago, corrected"
    item.save()
    said.text = "Imported statement, corrected."
    said.save()
    old.place = "Moscow"
    old.save()
    run()
    assert mailbox.messages == []

    item.status = Status.DRAFT  # withdrawn and published again: new from then
    item.save()
    item.status = Status.PUBLISHED
    item.save()
    run()
    (message,) = mailbox.wait_for(1)
    assert "Imported long ago, corrected" in body_text(message)
