"""Copies: the archive's items telling the same story are found, and different ones are not."""

import datetime
import json
import random
import textwrap

import pytest
from django.core.management import call_command
from django.urls import reverse

from news.importer import copies
from news.importer.copies import CopyIndex
from news.models import CopyFingerprint, NewsItem, Status

SUMMIT = (
    "The heads of state of the member states met in Astana for the annual session of the "
    "Collective Security Council. They approved the budget for the next year, signed a "
    "declaration on the situation in Central Asia and agreed on a programme to strengthen "
    "the border between Tajikistan and Afghanistan. The Secretary General reported on the "
    "exercises held during the year and on the work of the crisis response system, which "
    "was tested twice in the autumn. The next session will be held in Bishkek, under the "
    "chairmanship of Kyrgyzstan, whose president thanked his colleagues for their support."
)
DRILL = (
    "Staff officers of the Joint Staff rehearsed the deployment of the collective forces in "
    "a command post exercise near Pskov. The exercise lasted four days and involved duty "
    "shifts from the defence ministries of the member states, who practised the planning of "
    "an operation, the transfer of troops by air and the organisation of supplies. The "
    "commanders assessed the results at a final meeting and listed the tasks for next year."
)


def edited(text, count, seed=0):
    words = text.split()
    rng = random.Random(seed)
    for index in rng.sample(range(len(words)), count):
        words[index] = "changed"
    return " ".join(words)


def index_of(*texts):
    index = CopyIndex()
    for number, text in enumerate(texts, 1):
        index.add(number, text)
    return index


def archived(text, **fields):
    """An archived news item of 28 November 2024 telling `text`."""
    values = {
        "title": "Summit in Astana",
        "slug": "summit-in-astana",
        "published_on": datetime.date(2024, 11, 28),
        "language": "en",
        **fields,
    }
    return NewsItem.objects.create(text=text, **values)


def test_a_copy_is_found_under_every_change_an_editor_meets():
    index = index_of(SUMMIT, DRILL)
    variants = [
        SUMMIT,
        textwrap.fill(SUMMIT, 50),
        "News | Politics | Search\nShare\n" + SUMMIT + "\nRead also\nWeather in Astana\n",
        SUMMIT[: int(len(SUMMIT) * 0.6)],
        edited(SUMMIT, 10),
    ]
    for variant in variants:
        assert [item for item, _ in index.copies_of(variant)][:1] == [1], variant[:60]


def test_different_stories_of_one_topic_are_not_paired():
    index = index_of(SUMMIT)
    assert index.copies_of(DRILL) == []
    assert index.copies_of("The Collective Security Council met.") == []


def test_extract_lists_the_archived_items_a_text_repeats(tmp_path, capsys, ministers):
    item = archived(SUMMIT, status=Status.PUBLISHED)
    (tmp_path / "copy.json").write_text(json.dumps({"id": "c", "text": textwrap.fill(SUMMIT)}))
    (tmp_path / "other.json").write_text(json.dumps({"id": "o", "text": DRILL}))
    call_command("extract", str(tmp_path / "copy.json"), str(tmp_path / "other.json"))
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["duplicate_of"] for line in lines] == [[item.pk], []]


def test_the_admin_shows_the_copy_and_asks_before_saving_one(editor_client, ministers):
    item = archived(SUMMIT)
    url = reverse("admin:news_newsitem_import")
    text = "On 28 November 2024, " + edited(SUMMIT, 5)
    response = editor_client.post(url, {"text": text, "url": "", "source_name": ""})
    assert response.context["stories"][0]["copies"][0][0] == item
    link = reverse("admin:news_newsitem_change", args=[item.pk])
    assert f'href="{link}"' in response.content.decode()

    data = {
        "text": text,
        "url": "",
        "source_name": "",
        "save": "1",
        "title": "Summit again",
        "published_on": "2024-11-28",
        "language": "en",
        "place": "",
    }
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "save_copy" in response.context["stories"][0]["confirm"].errors
    assert NewsItem.objects.count() == 1

    response = editor_client.post(url, {**data, "save_copy": "on"})
    assert response.status_code == 302
    assert NewsItem.objects.count() == 2


@pytest.fixture
def fresh_process():
    """This process as if just started: no copy index read yet."""
    copies._CURRENT.clear()
    yield
    copies._CURRENT.clear()


def test_fingerprints_are_stored_read_back_and_redone_when_the_item_changes(db):
    item = archived(SUMMIT)
    CopyIndex.from_db()
    stored = CopyFingerprint.objects.get(item=item)
    assert stored.text_updated_at == item.updated_at
    assert len(stored.hashes) // 4 == len(copies.fingerprint(SUMMIT))

    # A text changed behind the archive's back (no new updated_at) is not read again: the
    # stored fingerprint is what the next process indexes.
    NewsItem.objects.filter(pk=item.pk).update(text=DRILL)
    index = CopyIndex.from_db()
    assert [pk for pk, _ in index.copies_of(SUMMIT)] == [item.pk]
    assert index.copies_of(DRILL) == []

    # A save moves updated_at on: the fingerprint is worked out again and stored.
    item.refresh_from_db()
    item.save()
    index = CopyIndex.from_db()
    assert [pk for pk, _ in index.copies_of(DRILL)] == [item.pk]
    assert CopyFingerprint.objects.get(item=item).text_updated_at == item.updated_at

    item.delete()
    assert not CopyFingerprint.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_process_reads_its_index_in_the_background_and_no_request_waits_for_it(
    fresh_process,
):
    item = archived(SUMMIT)
    with copies._BUILDING:  # the reading is under way, and slow
        assert CopyIndex.current(wait=0.2) is None
        assert CopyIndex.warm().is_alive()
    index = CopyIndex.current(wait=10)
    assert [pk for pk, _ in index.copies_of(SUMMIT)] == [item.pk]
    assert not CopyIndex.warm().is_alive()  # read once per process


@pytest.mark.django_db(transaction=True)
def test_the_import_page_saves_nothing_before_copies_were_looked_for(
    fresh_process, admin_client, settings
):
    settings.COPY_INDEX_WAIT = 0.2
    archived(SUMMIT)
    url = reverse("admin:news_newsitem_import")
    data = {
        "text": "On 28 November 2024, " + edited(SUMMIT, 5),
        "url": "",
        "source_name": "",
        "save": "1",
        "title": "Summit again",
        "published_on": "2024-11-28",
        "language": "en",
        "place": "",
    }
    with copies._BUILDING:
        response = admin_client.post(url, data)
        assert response.status_code == 200
        assert "Copies were not looked for yet" in response.content.decode()
        assert NewsItem.objects.count() == 1
    copies._CURRENT["warming"].join(10)
    response = admin_client.post(url, data)
    # Now the copy is known: saving it needs the editor's explicit choice.
    assert "save_copy" in response.context["stories"][0]["confirm"].errors
    assert NewsItem.objects.count() == 1


def test_the_copy_s_other_language_version_is_listed_with_it(editor_client, ministers):
    english = archived(SUMMIT)
    russian = archived(
        "Главы государств собрались в Астане на сессию Совета коллективной безопасности.",
        title="Саммит в Астане",
        slug="sammit-v-astane",
        language="ru",
        translation_of=english,
    )
    archived(DRILL, title="Another story", slug="another-story")
    url = reverse("admin:news_newsitem_import")
    text = "On 28 November 2024, " + edited(SUMMIT, 5)
    response = editor_client.post(url, {"text": text, "url": "", "source_name": ""})
    story = response.context["stories"][0]
    assert [item for item, _ in story["copies"]] == [english]
    assert story["versions"] == [(russian, english)]
    link = reverse("admin:news_newsitem_change", args=[russian.pk])
    assert f'href="{link}"' in response.content.decode()
    # A text that repeats no archived item lists no version either.
    response = editor_client.post(url, {"text": "On 1 May 2024, the ministers met.", "url": ""})
    assert response.context["stories"][0]["versions"] == []
