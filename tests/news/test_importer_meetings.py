"""The importer proposes the meeting a text reports, and finds the archive's when it holds it.

Own short texts for the rules, and hand-checked cases of the development set (read from
../shared/corpus, skipped where it is absent) for the whole pipeline: each expected answer
was read off the text by hand.
"""

import datetime
import json
from pathlib import Path

import pytest

from news.demo import load_demo
from news.importer.extract import extract
from news.importer.linking import Linker
from news.importer.record import Record
from people.models import Body, Meeting

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "texts"


def proposal(text, url=""):
    return extract(Record(id="t", text=text, url=url), Linker.from_db()).meeting


@pytest.fixture
def archive(db):
    load_demo()


def test_a_numbered_meeting_the_archive_holds_is_found(archive):
    found = proposal(
        "Moscow, 11 December 2024. The CSTO Working Group on Afghanistan under the Council of "
        "Foreign Ministers held its 40th meeting today, with delegations of the member states."
    )
    assert found.meeting == Meeting.objects.get(slug="wga-2024-12-11")
    assert (found.number, found.date) == (40, datetime.date(2024, 12, 11))


def test_a_report_of_the_next_day_finds_the_session(archive):
    found = proposal(
        "29 November 2024. Speaking at the session of the CSTO Collective Security Council in "
        "Astana, the president set out his country's plans for the coming year."
    )
    assert found.meeting.slug == "csc-2024-11-28"
    assert found.place == "Astana"


def test_a_meeting_the_archive_lacks_is_offered_with_what_the_text_says(archive):
    found = proposal(
        "Заседание Совета министров обороны ОДКБ прошло 15 марта 2019 года в Бишкеке. "
        "Министры обсудили 3-е заседание рабочей группы."
    )
    assert found.meeting is None
    assert found.body == Body.objects.get(name="Council of Defence Ministers")
    assert found.date == datetime.date(2019, 3, 15)
    assert found.place == "Bishkek"


def test_a_body_named_without_a_meeting_proposes_none(archive):
    assert proposal("The Secretariat published its annual report on 3 March 2021.") is None


# Hand-checked: (record, the meeting's slug in the demo archive, or None and what to create).
CASES = {
    "d008": "csc-2020-12-02",  # dated 3 December, reports the videoconference of the 2nd
    "d015": "wga-2022-04-01",  # "the 35th meeting"
    "d017": "csc-2022-05-16",  # reported the day after the jubilee session
    "d024": "csc-2023-11-23",
    "d026": "csc-2025-11-27",  # also announces the next session (Moscow, 2026)
    "d027": "wga-2025-12-03",  # dated 5 December, the meeting of the 3rd, "42nd meeting"
}
TO_CREATE = {
    "d001": ("Council of Foreign Ministers", datetime.date(2016, 7, 4), "Yerevan"),
}


def corpus_record(name):
    path = CORPUS / f"{name}.json"
    if not path.exists():
        pytest.skip("the development set is not here")
    data = json.loads(path.read_text(encoding="utf-8"))
    return Record(id=data["id"], text=data["text"], url=data.get("url") or "")


@pytest.mark.parametrize(("name", "slug"), sorted(CASES.items()))
def test_development_set_reports_are_linked_to_their_meeting(archive, name, slug):
    found = extract(corpus_record(name), Linker.from_db()).meeting
    assert found is not None and found.meeting is not None, name
    assert found.meeting.slug == slug


@pytest.mark.parametrize(("name", "expected"), sorted(TO_CREATE.items()))
def test_development_set_meetings_to_create(archive, name, expected):
    found = extract(corpus_record(name), Linker.from_db()).meeting
    assert found.meeting is None
    assert (found.body.name, found.date, found.place) == expected
