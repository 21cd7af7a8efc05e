"""Readable correction history: published versions, word diffs, corrections page and feed."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation
from pytest_django.asserts import assertContains, assertNotContains

from core.history import ChangeKind, revision
from news.models import Status
from news.revisions import published_revisions, word_diff
from tests.support.checkers import english_words


def edit(obj, reason, kind, **fields):
    with revision(obj, reason=reason, kind=kind):
        for name, value in fields.items():
            setattr(obj, name, value)
        obj.save()


def test_word_diff_marks_whole_words():
    diff = word_diff("The council met in Minsk on Monday.", "The council met in Astana on Monday.")
    assert (-1, "Minsk") in diff and (1, "Astana") in diff
    assert "".join(text for op, text in diff if op != 1) == "The council met in Minsk on Monday."
    assert "".join(text for op, text in diff if op != -1) == "The council met in Astana on Monday."


def test_word_diff_handles_cyrillic_and_empty_text():
    diff = word_diff("", "Совет собрался")
    assert diff == [(1, "Совет собрался")]
    assert word_diff("Совет собрался", "Совет собрался") == [(0, "Совет собрался")]


def test_only_published_versions_count(make_item):
    item = make_item(status=Status.DRAFT, text="Draft wording.")
    edit(item, "Polished the draft", ChangeKind.MINOR, text="Better draft wording.")
    edit(item, "Published", "", status=Status.PUBLISHED)
    edit(item, "Fixed the city", ChangeKind.SUBSTANTIVE, text="Better draft wording, in Astana.")
    revisions = published_revisions(item)
    assert [r.record.history_change_reason for r in revisions] == ["Published", "Fixed the city"]
    assert revisions[1].is_substantive
    [change] = revisions[1].changes
    assert (1, ", in Astana") in change.diff


def test_link_changes_are_part_of_a_version(make_item, council, ministers):
    item = make_item(bodies=[council])
    with revision(item, reason="Wrong body", kind=ChangeKind.SUBSTANTIVE):
        item.bodies.set([ministers])
    [change] = published_revisions(item)[-1].changes
    assert (change.old, change.new) == (
        "Collective Security Council",
        "Council of Foreign Ministers",
    )


def test_history_page_shows_diff_and_reason(client, make_statement):
    statement = make_statement(text="He said the exercise would be held in May.")
    edit(
        statement,
        "Wrong month",
        ChangeKind.SUBSTANTIVE,
        text="He said the exercise would be held in June.",
    )
    response = client.get(statement.get_history_url())
    assertContains(response, "<del>May</del>", html=False)
    assertContains(response, "<ins>June</ins>", html=False)
    assertContains(response, "Wrong month")
    detail = client.get(statement.get_absolute_url())
    assertContains(detail, "Wrong month")


def test_compare_any_two_versions(client, make_statement):
    statement = make_statement(text="One two three.")
    edit(statement, "first", ChangeKind.MINOR, text="One two four.")
    edit(statement, "second", ChangeKind.SUBSTANTIVE, text="One five four.")
    assert len(published_revisions(statement)) == 3
    response = client.get(statement.get_history_url(), {"from": 3, "to": 1})
    old, new, changes = response.context["comparison"]
    assert (old.number, new.number) == (1, 3)
    assert [op for op, _ in changes[0].diff if op] == [-1, 1]
    assert "five" in "".join(t for op, t in changes[0].diff if op == 1)


@pytest.mark.parametrize(
    "params", [{"from": "1", "to": "x"}, {"from": "999999", "to": "1"}, {"to": "1"}]
)
def test_compare_with_unknown_versions_is_404(client, make_statement, params):
    statement = make_statement()
    assert client.get(statement.get_history_url(), params).status_code == 404


def test_history_of_a_draft_is_hidden(client, admin_client, make_item):
    item = make_item(status=Status.DRAFT)
    assert client.get(item.get_history_url()).status_code == 404
    assert admin_client.get(item.get_history_url()).status_code == 200


def test_news_detail_lists_corrections(client, make_item):
    item = make_item()
    assertNotContains(client.get(item.get_absolute_url()), 'id="corrections-title"')
    edit(item, "Typo in the title", ChangeKind.MINOR, title="Ministers met in Almaty, corrected")
    assertContains(client.get(item.get_absolute_url()), "Typo in the title")


def test_corrections_page_and_feed_list_substantive_ones_of_published_texts(
    client, make_item, make_statement
):
    item = make_item()
    edit(item, "Wrong date", ChangeKind.SUBSTANTIVE, published_on=datetime.date(2024, 6, 7))
    edit(item, "Comma", ChangeKind.MINOR, text=item.text + ",")
    statement = make_statement()
    edit(statement, "Wrong speaker quoted", ChangeKind.SUBSTANTIVE, text="Other words.")
    hidden = make_item(status=Status.DRAFT)
    edit(hidden, "Secret fix", ChangeKind.SUBSTANTIVE, text="x")
    page = client.get(reverse("news:corrections"))
    reasons = [c.record.history_change_reason for c in page.context["page_obj"]]
    assert reasons == ["Wrong speaker quoted", "Wrong date"]
    feed = client.get(reverse("news:corrections_feed"))
    assert feed["Content-Type"].startswith("application/atom+xml")
    assertContains(feed, "Wrong speaker quoted")
    assertNotContains(feed, "Secret fix")
    assertNotContains(feed, "Comma")


def test_old_addresses_redirect_permanently(client, make_item):
    item = make_item(slug="old-slug")
    old_url = item.get_absolute_url()
    edit(
        item,
        "Better slug",
        ChangeKind.MINOR,
        slug="new-slug",
        published_on=datetime.date(2024, 6, 7),
    )
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == item.get_absolute_url()
    assert client.get("/news/2024/6/6/never-existed/").status_code == 404


def test_old_address_of_a_draft_does_not_redirect(client, make_item):
    item = make_item(slug="old-slug")
    old_url = item.get_absolute_url()
    edit(item, "Renamed and unpublished", "", slug="new-slug", status=Status.DRAFT)
    assert client.get(old_url).status_code == 404


def test_russian_history_page_marks_each_text_with_its_language(
    client, make_item, council, ministers, kazakhstan
):
    """On /ru/ an English item's diffs and an English reason are lang="en"; the interface
    around them and the linked bodies' names are Russian."""
    council.name_ru = "Совет коллективной безопасности"
    council.save()
    ministers.name_ru = "Совет министров иностранных дел"
    ministers.save()
    item = make_item(bodies=[council], text="The ministers met in Minsk.", place="Minsk")
    with revision(item, reason="Wrong body and city", kind=ChangeKind.SUBSTANTIVE):
        item.bodies.set([ministers])
        item.text = "The ministers met in Astana."
        item.place = "Astana"
        item.save()
    with translation.override("ru"):
        url = item.get_history_url()
    html = client.get(url).content.decode()
    assert '<span lang="en">Wrong body and city</span>' in html
    assert '<dd class="diff" lang="en">The ministers met in <del>Minsk</del>' in html
    assert '<del lang="ru">Совет коллективной безопасности</del>' in html
    assert '<ins lang="ru">Совет министров иностранных дел</ins>' in html
    assert '<ins lang="ru">Астана</ins>' in html
    assert english_words(html, {"Atom"}) == []  # the feed format named in the footer
