"""The admin's import page shows the meeting a text reports, links the saved draft to it, and
creates it when the archive lacks it, in the same transaction as the draft.

Own short texts for the rules, and hand-checked cases of the development set (read from
../shared/corpus, skipped where it is absent): what a reader of the text would name.
"""

import datetime
import json
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from core.validators import NEWS_TEXT_LIMIT
from news.demo import load_demo
from news.importer.extract import extract
from news.importer.linking import Linker
from news.importer.record import Record
from news.importer.save import Proposal, save_draft
from news.models import NewsItem
from people.models import Body, Meeting

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "texts"
URL = "admin:news_newsitem_import"
SOURCE = "Import test outlet"  # the drafts these tests save, among the demo archive's items

HELD = (
    "Moscow, 11 December 2024. The CSTO Working Group on Afghanistan under the Council of "
    "Foreign Ministers held its 40th meeting today, with delegations of the member states."
)
LACKING = (
    "Bishkek, 15 March 2019. The Council of Defence Ministers of the CSTO held its session "
    "in Bishkek and discussed joint exercises. It was the 12th meeting of the Council."
)


@pytest.fixture
def archive(db):
    load_demo()


def imported():
    return NewsItem.objects.filter(source_name=SOURCE)


def propose(client, text, url=""):
    return client.post(reverse(URL), {"text": text, "url": url, "source_name": SOURCE})


def save_data(text, *, url="", **fields):
    """The confirm step's POST data of one story, as the editor leaves or corrects it."""
    return {
        "text": text,
        "url": url,
        "source_name": SOURCE,
        "save": "1",
        "title": "A meeting",
        "published_on": "2024-12-11",
        "language": "en",
        "place": "",
        "bodies": [],
        "officials": [],
        "states": [],
        "meeting": "",
    } | fields


def test_a_meeting_the_archive_holds_is_shown_and_chosen(editor_client, archive):
    held = Meeting.objects.get(body__name="Working Group on Afghanistan", date="2024-12-11")
    response = propose(editor_client, HELD)
    confirm = response.context["stories"][0]["confirm"]
    assert confirm.initial["meeting"] == held
    assert "create_meeting" not in confirm.fields
    assertContains(response, "The text reports a meeting:")
    assertContains(response, reverse("admin:people_meeting_change", args=[held.pk]))
    # The autocomplete shows the chosen meeting as the selected option.
    assertContains(response, f'<option value="{held.pk}" selected>', html=False)


def test_the_draft_is_linked_to_the_meeting_the_editor_leaves(editor_client, archive):
    held = Meeting.objects.get(body__name="Working Group on Afghanistan", date="2024-12-11")
    response = editor_client.post(reverse(URL), save_data(HELD, meeting=held.pk))
    assert response.status_code == 302
    assert imported().get().meeting == held


def test_the_editor_can_clear_or_change_the_meeting(editor_client, archive):
    other = Meeting.objects.get(slug="csc-2024-11-28")
    editor_client.post(reverse(URL), save_data(HELD, meeting=other.pk))
    assert imported().get().meeting == other
    imported().delete()
    editor_client.post(reverse(URL), save_data(HELD))
    assert imported().get().meeting is None


def test_a_meeting_the_archive_lacks_is_offered_to_whoever_may_add_meetings(
    publisher_client, archive
):
    response = propose(publisher_client, LACKING)
    confirm = response.context["stories"][0]["confirm"]
    assert confirm.initial["meeting"] is None
    assert "create_meeting" in confirm.fields
    assertContains(response, "Create this meeting")
    assertContains(response, "Council of Defence Ministers, 15 March 2019, Bishkek")
    assertContains(response, "meeting no. 12")


def test_an_editor_who_may_not_add_meetings_is_not_offered_to(editor_client, archive):
    response = propose(editor_client, LACKING)
    assert "create_meeting" not in response.context["stories"][0]["confirm"].fields
    assertNotContains(response, "Create this meeting")
    # Ticking it anyway creates nothing: the field is not there to read.
    data = save_data(LACKING, published_on="2019-03-15", create_meeting="on")
    assert editor_client.post(reverse(URL), data).status_code == 302
    assert imported().get().meeting is None
    assert not Meeting.objects.filter(date="2019-03-15").exists()


def test_create_this_meeting_creates_it_and_links_the_draft(publisher_client, publisher, archive):
    before = Meeting.objects.count()
    data = save_data(LACKING, published_on="2019-03-15", create_meeting="on")
    assert publisher_client.post(reverse(URL), data).status_code == 302
    assert Meeting.objects.count() == before + 1
    meeting = imported().get().meeting
    assert meeting.body == Body.objects.get(name="Council of Defence Ministers")
    assert (meeting.date, meeting.place, meeting.number) == (
        datetime.date(2019, 3, 15),
        "Bishkek",
        12,
    )
    assert meeting.history.get().history_user == publisher
    assert publisher_client.get(meeting.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": "x" * 1000}, "title"),  # a field the model refuses
        ({"meeting": "csc-2024-11-28"}, "create_meeting"),  # chosen and created: which one?
    ],
)
def test_a_refused_save_creates_no_meeting(publisher_client, archive, change, field):
    if change.get("meeting"):
        change = {"meeting": Meeting.objects.get(slug=change["meeting"]).pk}
    before = Meeting.objects.count()
    data = save_data(LACKING, published_on="2019-03-15", create_meeting="on") | change
    response = publisher_client.post(reverse(URL), data)
    assert response.status_code == 200
    assert field in response.context["stories"][0]["confirm"].errors
    assert (Meeting.objects.count(), imported().count()) == (before, 0)


def test_a_text_already_archived_creates_no_meeting(publisher_client, archive):
    data = save_data(LACKING, published_on="2019-03-15")
    publisher_client.post(reverse(URL), data)
    before = Meeting.objects.count()
    # Saved "anyway" past the copies warning, the same text is still the archive's one item.
    again = data | {"create_meeting": "on", "save_copy": "on"}
    response = publisher_client.post(reverse(URL), again)
    assert response.status_code == 302
    assert Meeting.objects.count() == before
    assert imported().get().meeting is None


def test_a_draft_the_model_refuses_after_the_meeting_is_made_leaves_neither(archive):
    """save_draft makes the meeting first; the item's own checks refusing it roll both back."""
    reported = extract(Record(id="t", text=LACKING), Linker.from_db()).meeting
    assert reported is not None and reported.meeting is None
    proposal = Proposal(
        title="A meeting",
        published_on=datetime.date(2019, 3, 15),
        language="en",
        text="x" * (NEWS_TEXT_LIMIT + 1),  # refused by NewsItem.full_clean, after the meeting
        reported=reported,
        create_meeting=True,
    )
    before = Meeting.objects.count()
    with pytest.raises(ValidationError):
        save_draft(proposal)
    assert (Meeting.objects.count(), imported().count()) == (before, 0)


def test_two_stories_of_one_meeting_create_it_once(publisher_client, archive):
    page = LACKING + "\n\n* * *\n\n" + LACKING.replace("joint exercises", "air defence")
    response = propose(publisher_client, page)
    assert len(response.context["stories"]) == 2
    data = {"text": page, "url": "", "source_name": SOURCE, "save": "1"}
    for number in (1, 2):
        data |= {
            f"story{number}-title": f"Story {number}",
            f"story{number}-published_on": "2019-03-15",
            f"story{number}-language": "en",
            f"story{number}-keep": "on",
            f"story{number}-create_meeting": "on",
        }
    before = Meeting.objects.count()
    assert publisher_client.post(reverse(URL), data).status_code == 302
    assert Meeting.objects.count() == before + 1
    meetings = {item.meeting for item in imported()}
    assert len(meetings) == 1 and None not in meetings


def corpus_text(name):
    path = CORPUS / f"{name}.json"
    if not path.exists():
        pytest.skip("the development set is not here")
    data = json.loads(path.read_text(encoding="utf-8"))
    return data["text"], data.get("url") or ""


# Hand-checked against the texts: the jubilee summit in Moscow "yesterday" (dated 17 May 2022)
# is the Council's session of 16 May 2022, which the demo archive holds.
def test_development_set_report_of_a_held_session_preselects_it(editor_client, archive):
    text, url = corpus_text("d017")
    response = propose(editor_client, text, url)
    assert response.context["stories"][0]["confirm"].initial["meeting"] == Meeting.objects.get(
        body__name="Collective Security Council", date="2022-05-16"
    )


# "Session of the CSTO Council of Foreign Ministers In Yerevan", Monday 4 July 2016: not in
# the demo archive, so offered for creation with that body, day and city.
def test_development_set_report_of_a_session_not_held_creates_it(publisher_client, archive):
    text, url = corpus_text("d001")
    response = propose(publisher_client, text, url)
    confirm = response.context["stories"][0]["confirm"]
    assert confirm.initial["meeting"] is None and "create_meeting" in confirm.fields
    data = save_data(text, url=url, published_on="2016-07-04", create_meeting="on")
    assert publisher_client.post(reverse(URL), data).status_code == 302
    meeting = imported().get().meeting
    assert (meeting.body.name, meeting.date, meeting.place) == (
        "Council of Foreign Ministers",
        datetime.date(2016, 7, 4),
        "Yerevan",
    )
