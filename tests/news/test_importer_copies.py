"""Copies: the archive's items telling the same story are found, and different ones are not."""

import datetime
import json
import random
import textwrap

from django.core.management import call_command
from django.urls import reverse

from news.importer.copies import CopyIndex
from news.models import NewsItem, Status

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
    item = NewsItem.objects.create(
        title="Summit in Astana",
        slug="summit-in-astana",
        published_on=datetime.date(2024, 11, 28),
        language="en",
        text=SUMMIT,
        status=Status.PUBLISHED,
    )
    (tmp_path / "copy.json").write_text(json.dumps({"id": "c", "text": textwrap.fill(SUMMIT)}))
    (tmp_path / "other.json").write_text(json.dumps({"id": "o", "text": DRILL}))
    call_command("extract", str(tmp_path / "copy.json"), str(tmp_path / "other.json"))
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["duplicate_of"] for line in lines] == [[item.pk], []]


def test_the_admin_shows_the_copy_and_asks_before_saving_one(editor_client, ministers):
    item = NewsItem.objects.create(
        title="Summit in Astana",
        slug="summit-in-astana",
        published_on=datetime.date(2024, 11, 28),
        language="en",
        text=SUMMIT,
    )
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
