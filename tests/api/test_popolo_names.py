"""Popolo other_names hold each name once."""

from api.popolo import names
from people.models import Official


def test_other_names_hold_each_name_once(db):
    official = Official(
        name="Aidar Testbekov",
        name_ru="Айдар Тестбеков",
        aliases="Айдар Тестбеков\nA. Testbekov\nAidar Testbekov\nA. Testbekov",
    )
    assert names(official) == [
        {"name": "Айдар Тестбеков", "note": "Russian"},
        {"name": "A. Testbekov", "note": "alias"},
    ]
