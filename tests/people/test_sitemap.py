"""The sitemap lists every meeting and document page, in both languages, and their lists."""

import datetime
import xml.etree.ElementTree as ET

import pytest

from people.models import Document, Meeting

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def records(db, council):
    meetings = [
        Meeting.objects.create(
            body=council, slug=f"csc-{year}-11-28", date=datetime.date(year, 11, 28)
        )
        for year in (2022, 2023, 2024)
    ]
    document = Document.objects.create(
        title="Declaration of the Council",
        slug="declaration",
        kind=Document.Kind.DECLARATION,
        meeting=meetings[-1],
        date=meetings[-1].date,
    )
    return meetings, document


def locations(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    tree = ET.fromstring(response.content)
    return [loc.text for loc in tree.findall("s:url/s:loc", NS)]


def test_meetings_and_documents_are_in_the_sitemap_in_both_languages(client, records):
    meetings, document = records
    listed = locations(client)
    for record in [*meetings, document]:
        path = record.get_absolute_url()
        assert f"http://testserver{path}" in listed, path
        assert f"http://testserver/ru{path}" in listed, path
    for page in ("/meetings/", "/documents/"):
        assert f"http://testserver{page}" in listed


def test_a_meeting_leaves_the_sitemap_with_its_page(client, records):
    meetings, _ = records
    gone = meetings[0].get_absolute_url()
    meetings[0].delete()
    assert f"http://testserver{gone}" not in locations(client)


def test_the_sitemap_reads_each_section_once_whatever_the_number_of_meetings(
    client, council, records, count_queries
):
    before = count_queries("/sitemap.xml")
    for day in range(1, 11):
        Meeting.objects.create(body=council, slug=f"x-{day}", date=datetime.date(2020, 1, day))
    assert count_queries("/sitemap.xml") == before
