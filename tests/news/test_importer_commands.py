"""The importer's commands and admin page: bad input, idempotent imports, editors' review."""

import json
import os
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from pytest_django.asserts import assertContains

from news.importer.reader import InputError, read_record
from news.models import NewsItem, Status
from people.models import Official

CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
ARTICLE = """Foreign ministers met in Almaty

ALMATY, 21 June 2024. The Council of Foreign Ministers of the CSTO met in Almaty and
discussed the situation on the borders of the member states.
"""


@pytest.fixture
def files(tmp_path):
    """Write a batch of input files, good and bad, and return their paths by name."""
    good = tmp_path / "good.json"
    good.write_text(
        json.dumps({"id": "g1", "text": ARTICLE, "url": "https://example.org/cfm-2024"})
    )
    plain = tmp_path / "plain.txt"
    plain.write_text(ARTICLE.replace("Almaty", "Astana"), encoding="utf-8")
    bad = {
        "empty.txt": b"",
        "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00",
        "invalid.json": b'{"text": "unfinished',
        "notext.json": json.dumps({"id": "x", "title": "no text"}).encode(),
        "legacy.txt": "Совет министров иностранных дел ОДКБ".encode("cp1251"),
        "huge.txt": b"a" * (3 * 1024 * 1024),
    }
    paths = {"good.json": good, "plain.txt": plain}
    for name, content in bad.items():
        path = tmp_path / name
        path.write_bytes(content)
        paths[name] = path
    return paths


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.txt", "empty file"),
        ("binary.txt", "binary file"),
        ("invalid.json", "invalid JSON"),
        ("notext.json", 'no "text"'),
        ("legacy.txt", "cp1251"),
        ("huge.txt", "too large"),
    ],
)
def test_bad_files_get_a_clear_error(files, name, message):
    with pytest.raises(InputError, match=message):
        read_record(files[name])


def test_good_files_are_read(files):
    record = read_record(files["good.json"])
    assert (record.id, record.url) == ("g1", "https://example.org/cfm-2024")
    assert read_record(files["plain.txt"]).id == "plain.txt"


def test_extract_prints_one_line_per_good_file_and_names_the_bad_ones(files, capsys, ministers):
    with pytest.raises(SystemExit) as exit_info:
        call_command("extract", *[str(p) for p in files.values()])
    assert exit_info.value.code == 1
    out, err = capsys.readouterr()
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["id"] for line in lines] == ["g1", "plain.txt"]
    assert lines[0]["language"] == "en"
    assert "Council of Foreign Ministers" in lines[0]["bodies"]
    for name in (
        "empty.txt",
        "binary.txt",
        "invalid.json",
        "notext.json",
        "legacy.txt",
        "huge.txt",
    ):
        assert any(name in line for line in err.splitlines())
    assert not NewsItem.objects.exists()


def test_import_news_creates_drafts_once_and_reports(files, capsys, ministers):
    with pytest.raises(SystemExit):
        call_command("import_news", str(files["good.json"].parent))
    out, err = capsys.readouterr()
    assert "2 created, 0 skipped as duplicates, 0 skipped without a date, " in out
    assert "0 skipped without a headline, 6 failed." in out
    assert "legacy.txt" in err
    items = NewsItem.objects.all()
    assert {item.status for item in items} == {Status.DRAFT}
    from_url = items.get(source_url="https://example.org/cfm-2024")
    assert ministers in from_url.bodies.all()
    assert from_url.history.get().history_change_reason == "Imported from good.json"

    with pytest.raises(SystemExit):
        call_command("import_news", str(files["good.json"].parent))
    assert "0 created, 2 skipped as duplicates" in capsys.readouterr().out
    assert NewsItem.objects.count() == 2


def test_import_of_only_good_files_exits_cleanly(files, capsys, ministers):
    call_command("import_news", str(files["good.json"]), str(files["plain.txt"]))
    assert "2 created" in capsys.readouterr().out


# Files that parse but hold what no text should: each is refused alone, the others go on.

HOSTILE = {
    "deep.json": "[" * 100_000,
    "deep-in-text.json": '{"text": ' + "[" * 100_000,
    "surrogate.json": '{"text": "Ministers met \\ud800 in Almaty, 21 June 2024."}',
    "surrogate-url.json": '{"text": "Ministers met.", "url": "https://example.org/\\udfff"}',
    "nul.json": '{"text": "Ministers\\u0000 met in Almaty, 21 June 2024."}',
    "nul-source.json": '{"text": "Ministers met.", "source": "TASS\\u0000"}',
    "escape.json": '{"text": "Ministers met.\\u001b[31m", "id": "e"}',
    "bell.txt": "Ministers met in Almaty\x07, 21 June 2024.",
    "vertical-tab.txt": "Ministers met\x0b in Almaty, 21 June 2024.",
}


@pytest.fixture
def hostile_files(tmp_path):
    """The hostile files, between two good ones, in the order a folder lists them."""
    paths = [tmp_path / "a-good.json"]
    paths[0].write_text(json.dumps({"id": "first", "text": ARTICLE}), encoding="utf-8")
    for name, content in HOSTILE.items():
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        paths.append(path)
    last = tmp_path / "z-good.txt"
    # Tabs, carriage returns and line ends are a text's own.
    last.write_text(ARTICLE.replace("Almaty", "Astana").replace("\n", "\r\n\t"), "utf-8")
    paths.append(last)
    return paths


def one_error_line_per_hostile_file(err):
    lines = err.splitlines()
    for name in HOSTILE:
        [line] = [line for line in lines if f"{name}:" in line]
        assert "Traceback" not in line
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("deep.json", "nested too deeply"),
        ("deep-in-text.json", "nested too deeply"),
        ("surrogate.json", 'lone surrogate U+D800 in "text" at character 15'),
        ("surrogate-url.json", 'lone surrogate U+DFFF in "url"'),
        ("nul.json", 'control character U+0000 in "text" at character 10'),
        ("nul-source.json", 'control character U+0000 in "source"'),
        ("escape.json", 'control character U+001B in "text"'),
        ("bell.txt", 'control character U+0007 in "text" at character 24'),
        ("vertical-tab.txt", 'control character U+000B in "text"'),
    ],
)
def test_hostile_files_get_a_clear_error(hostile_files, name, message):
    [path] = [path for path in hostile_files if path.name == name]
    with pytest.raises(InputError, match=re.escape(message)):
        read_record(path)


def test_extract_survives_hostile_files(hostile_files, capsys, ministers):
    with pytest.raises(SystemExit) as exit_info:
        call_command("extract", *[str(p) for p in hostile_files])
    assert exit_info.value.code == 1
    out, err = capsys.readouterr()
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["first", "z-good.txt"]
    one_error_line_per_hostile_file(err)
    assert f"{len(HOSTILE)} of {len(hostile_files)} files could not be read." in err


def test_import_news_survives_hostile_files_and_stores_no_control_character(
    hostile_files, capsys, ministers
):
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_news", str(hostile_files[0].parent))
    assert exit_info.value.code == 1
    out, err = capsys.readouterr()
    assert (
        f"2 created, 0 skipped as duplicates, 0 skipped without a date, "
        f"0 skipped without a headline, {len(HOSTILE)} failed." in out
    )
    one_error_line_per_hostile_file(err)
    items = list(NewsItem.objects.all())
    assert len(items) == 2
    for item in items:
        for value in (item.title, item.lead, item.text, item.source_name, item.source_url):
            assert not CONTROL.search(value), value
    assert sorted(item.history.get().history_change_reason for item in items) == [
        "Imported from a-good.json",
        "Imported from z-good.txt",
    ]


def test_a_file_name_that_is_not_utf8_is_refused(tmp_path, capsys, ministers):
    """Linux takes any bytes in a name; Python gives the odd ones as surrogates."""
    bad = tmp_path / os.fsdecode(b"cfm-\xff.txt")
    bad.write_text(ARTICLE, encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE.replace("Almaty", "Astana"), encoding="utf-8")
    with pytest.raises(SystemExit):
        call_command("import_news", str(tmp_path))
    out, err = capsys.readouterr()
    assert "1 created, 0 skipped as duplicates, 0 skipped without a date, " in out
    assert "0 skipped without a headline, 1 failed." in out
    assert "cfm-\\xff.txt: the file's name is not UTF-8" in err
    assert NewsItem.objects.get().history.get().history_change_reason == "Imported from good.txt"


def test_admin_import_proposes_then_saves_a_draft(editor_client, editor, ministers):
    url = reverse("admin:news_newsitem_import")
    assert editor_client.get(url).status_code == 200
    response = editor_client.post(url, {"text": ARTICLE, "url": "", "source_name": "Example"})
    assert response.status_code == 200
    confirm = response.context["stories"][0]["confirm"]
    assert ministers in confirm.initial["bodies"]
    assertContains(response, '<mark class="match-body"', html=False)

    data = {
        "text": ARTICLE,
        "url": "",
        "source_name": "Example",
        "save": "1",
        "title": "Corrected title",
        "published_on": "2024-06-21",
        "language": "en",
        "place": "Almaty",
        "bodies": [ministers.pk],
        "officials": [],
        "states": [],
    }
    response = editor_client.post(url, data)
    item = NewsItem.objects.get()
    assert response.status_code == 302
    assert (item.title, item.status, item.created_by) == ("Corrected title", Status.DRAFT, editor)
    assert list(item.bodies.all()) == [ministers]
    assert item.history.get().history_user == editor

    # The same text pasted again is recognised and not saved twice.
    editor_client.post(url, data)
    assert NewsItem.objects.count() == 1


def test_admin_import_can_add_unknown_people(publisher_client, ministers):
    url = reverse("admin:news_newsitem_import")
    text = ARTICLE + "\nMinister of Foreign Affairs Ivan Neznakomov spoke first.\n"
    response = publisher_client.post(url, {"text": text, "url": "", "source_name": ""})
    unknown = response.context["stories"][0]["extraction"].unknown_people
    assert "Ivan Neznakomov" in unknown
    data = {
        "text": text,
        "url": "",
        "source_name": "",
        "save": "1",
        "title": "T",
        "published_on": "2024-06-21",
        "language": "en",
        "place": "",
        "bodies": [ministers.pk],
        "officials": [],
        "states": [],
        "new_people": ["Ivan Neznakomov"],
    }
    publisher_client.post(url, data)
    person = Official.objects.get(name="Ivan Neznakomov")
    assert list(NewsItem.objects.get().officials.all()) == [person]


def test_admin_import_refuses_users_who_cannot_add(client, django_user_model):
    viewer = django_user_model.objects.create_user("viewer", is_staff=True)
    client.force_login(viewer)
    assert client.get(reverse("admin:news_newsitem_import")).status_code == 403


def test_admin_import_with_empty_text_is_a_form_error(editor_client):
    response = editor_client.post(reverse("admin:news_newsitem_import"), {"text": " ", "url": "x"})
    assert response.status_code == 200
    assert response.context["paste"].errors


def test_an_alias_added_by_an_editor_improves_the_next_proposal(editor_client, ministers):
    url = reverse("admin:news_newsitem_import")
    text = "The CSTO said that the Glorbian Ministerial Circle agreed on a plan."
    before = editor_client.post(url, {"text": text, "url": "", "source_name": ""})
    assert ministers not in before.context["stories"][0]["confirm"].initial["bodies"]
    ministers.aliases = "Glorbian Ministerial Circle"
    ministers.save()
    after = editor_client.post(url, {"text": text, "url": "", "source_name": ""})
    assert ministers in after.context["stories"][0]["confirm"].initial["bodies"]


def test_admin_import_refuses_what_the_model_refuses(editor_client, ministers):
    """The confirm step's limits are NewsItem's: an over-long title or place is a form error."""
    url = reverse("admin:news_newsitem_import")
    limit = NewsItem._meta.get_field("title").max_length
    data = {
        "text": ARTICLE,
        "url": "",
        "source_name": "",
        "save": "1",
        "title": "x" * (limit + 1),
        "published_on": "2024-06-21",
        "language": "en",
        "place": "y" * (NewsItem._meta.get_field("place").max_length + 1),
        "bodies": [ministers.pk],
    }
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert set(response.context["stories"][0]["confirm"].errors) == {"title", "place"}
    assert not NewsItem.objects.exists()
    # A source address longer than the model keeps is refused at the paste step.
    long_url = "https://example.org/" + "a" * 500
    response = editor_client.post(url, {"text": ARTICLE, "url": long_url, "source_name": ""})
    assert "url" in response.context["paste"].errors


def test_admin_import_page_posts_each_field_once(editor_client, ministers):
    """The text and its source travel once, in the paste step's hidden fields."""
    url = reverse("admin:news_newsitem_import")
    response = editor_client.post(url, {"text": ARTICLE, "url": "", "source_name": "Example"})
    page = response.content.decode()
    for name in ("text", "url", "source_name", "title", "published_on"):
        assert page.count(f'name="{name}"') == 1, name


def test_admin_import_saves_the_pasted_text_and_source(editor_client, ministers):
    url = reverse("admin:news_newsitem_import")
    source = "https://example.org/news/almaty"
    data = {
        "text": ARTICLE,
        "url": source,
        "source_name": "Example outlet",
        "save": "1",
        "title": "Ministers in Almaty",
        "published_on": "2024-06-21",
        "language": "en",
        "place": "",
        "states": [],
    }
    assert editor_client.post(url, data).status_code == 302
    item = NewsItem.objects.get()
    assert (item.source_url, item.source_name) == (source, "Example outlet")
    assert item.text == ARTICLE.strip()
    assert list(item.bodies.all()) == []
