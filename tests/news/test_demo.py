"""The shipped reference and demo data load completely, and loading again changes nothing."""

import json

import pytest
from django.apps import apps
from django.core.management import call_command

from news import demo
from news.models import Language, NewsItem, Statement
from people.models import Body, MemberState, Official, Position

pytestmark = pytest.mark.django_db


def snapshot():
    """Count the rows of every archive model and of its history."""
    counts = {}
    for label in ("news", "people"):
        for model in apps.get_app_config(label).get_models():
            counts[model._meta.label] = model.objects.count()
    return counts


def test_load_demo_twice_gives_the_same_counts(capsys):
    call_command("load_demo")
    first = snapshot()
    call_command("load_demo")
    assert snapshot() == first
    assert "created" not in capsys.readouterr().out.splitlines()[-1]


def test_demo_covers_both_languages_and_links_everything():
    demo.load_demo()
    published = NewsItem.objects.published()
    assert published.count() >= 30
    assert Statement.objects.published().count() >= 10
    for language in Language.values:
        assert published.in_language(language).exists()
    assert not published.filter(bodies=None).exists()
    assert published.exclude(translation_of=None).exists()
    # Every demo item carries its history entry with the reason.
    assert all(item.history.earliest().history_change_reason == demo.REASON for item in published)
    # The demo corrections give the corrections page something to show.
    corrected = Statement.history.filter(change_kind="substantive").values_list("id", flat=True)
    assert Statement.objects.published().filter(pk__in=corrected).exists()
    assert NewsItem.history.filter(change_kind="substantive").exists()


def test_reference_data_is_complete():
    demo.load_demo()
    assert MemberState.objects.count() >= 9
    assert Body.objects.count() >= 11
    assert Official.objects.filter(positions__isnull=False).distinct().count() >= 60
    secretaries = Position.objects.filter(title=Position.Title.SECRETARY_GENERAL).order_by("start")
    # Secretaries General follow one another without overlapping.
    for before, after in zip(secretaries, secretaries[1:], strict=False):
        assert before.end is not None and before.end < after.start


def test_reload_keeps_aliases_added_by_editors():
    demo.load_demo()
    body = Body.objects.get(abbreviation="CSC")
    body.aliases += "\nSummit of the Six"
    body.save()
    demo.load_demo()
    body.refresh_from_db()
    assert "Summit of the Six" in body.alias_list


def test_unknown_official_in_demo_files_is_a_clear_error(tmp_path, monkeypatch):
    demo.load_reference()
    item = {
        "key": "k",
        "title": "T",
        "slug": "t",
        "published_on": "2024-01-01",
        "language": "en",
        "kind": "news",
        "text": "x",
        "bodies": [],
        "officials": ["Nobody Known"],
        "states": [],
        "translation_of": None,
    }
    (tmp_path / "news.json").write_text(json.dumps([item]))
    (tmp_path / "statements.json").write_text("[]")
    monkeypatch.setattr(demo, "DATA_DIR", tmp_path)
    with pytest.raises(demo.DemoDataError, match="Nobody Known"):
        demo.load_demo()
    assert not NewsItem.objects.exists()


def test_demo_history_is_dated_by_the_demo_texts_own_dates():
    """A demo statement said in 2024 was first published then, not on the day of loading."""
    demo.load_demo()
    for model in (NewsItem, Statement):
        for obj in model.objects.all():
            first = obj.history.order_by("history_date", "history_id").first()
            assert first.history_date.date() == getattr(obj, model.DATE_FIELD), obj
            later = obj.history.exclude(pk=first.pk)
            assert all(row.history_date > first.history_date for row in later), obj
