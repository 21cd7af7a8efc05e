"""Russian pages name bodies, states, posts and places in Russian, from the reference data."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.utils import translation

from news.places import place_name
from people.models import Body, MemberState, Official, Position


@pytest.fixture
def ministers_ru(db, kazakhstan):
    kazakhstan.name_ru_genitive = "Казахстана"
    kazakhstan.save()
    return Body.objects.create(
        name="Council of Defence Ministers",
        name_ru="Совет министров обороны",
        abbreviation="CDM",
        abbreviation_ru="СМО",
        description="Defence ministers coordinate military policy.",
        description_ru="Министры обороны согласуют военную политику.",
        slug="council-of-defence-ministers",
        kind=Body.Kind.STATUTORY,
    )


def test_post_labels_name_the_state_in_the_russian_genitive(official, kazakhstan):
    kazakhstan.name_ru_genitive = "Казахстана"
    post = Position(official=official, title=Position.Title.PRESIDENT, state=kazakhstan)
    with translation.override("ru"):
        assert post.label == "Президент Казахстана"
    with translation.override("en"):
        assert post.label == "President, Kazakhstan"


def test_without_a_genitive_the_label_falls_back_to_the_russian_name(official, db):
    russia = MemberState.objects.create(name="Russia", name_ru="Россия", slug="ru", iso_code="RU")
    post = Position(official=official, title=Position.Title.DEFENCE_MINISTER, state=russia)
    with translation.override("ru"):
        assert post.label == "Министр обороны Россия"
    russia.name_ru_genitive = "России"
    with translation.override("ru"):
        assert post.label == "Министр обороны России"


def test_body_posts_name_the_body_in_russian(official, secretariat):
    secretariat.name_ru = "Секретариат"
    secretariat.save()
    post = official.positions.get(title=Position.Title.SECRETARY_GENERAL)
    with translation.override("ru"):
        assert post.label == "Генеральный секретарь, Секретариат"


def test_russian_body_page_uses_the_russian_abbreviation_and_description(client, ministers_ru):
    html = client.get("/ru/bodies/council-of-defence-ministers/").content.decode()
    assert "(СМО)" in html
    assert "Министры обороны согласуют военную политику." in html
    assert "Defence ministers coordinate" not in html
    english = client.get("/bodies/council-of-defence-ministers/").content.decode()
    assert "(CDM)" in english and "Defence ministers coordinate" in english


def test_news_rows_tag_bodies_with_the_russian_abbreviation(client, make_item, ministers_ru):
    make_item(bodies=[ministers_ru])
    html = client.get("/ru/news/").content.decode()
    assert '<span class="tag">СМО</span>' in html
    assert '<span class="tag">CDM</span>' in client.get("/news/").content.decode()


def test_filter_choices_are_russian_names_in_russian_order(client, ministers_ru, council):
    council.name_ru = "Совет коллективной безопасности"
    council.save()
    html = client.get("/ru/news/").content.decode()
    select = re.search(r'<select name="body".*?</select>', html, re.S).group(0)
    labels = re.findall(r">([^<]+)</option>", select)
    assert labels == ["Совет коллективной безопасности", "Совет министров обороны"]
    state = re.search(r'<select name="state".*?</select>', html, re.S).group(0)
    assert ">Казахстан</option>" in state


def test_places_are_named_in_russian_on_russian_pages(client, make_item):
    item = make_item(place="Astana")
    url = item.get_absolute_url()
    assert " · Астана" in client.get("/ru" + url).content.decode()
    assert " · Astana" in client.get(url).content.decode()
    with translation.override("ru"):
        assert place_name("Alma-Ata") == "Алматы"
        assert place_name("Atlantis") == "Atlantis"  # unknown: as typed


def test_reference_loading_fills_new_russian_fields_but_keeps_edits(db):
    call_command("load_reference", verbosity=0)
    council = Body.objects.get(slug="collective-security-council")
    assert council.abbreviation_ru == "СКБ"
    assert council.description_ru
    assert MemberState.objects.get(slug="russia").name_ru_genitive == "России"
    # A database loaded before the fields existed: empty ones are filled on the next load,
    # an editor's value is kept.
    Body.objects.filter(pk=council.pk).update(abbreviation_ru="", description_ru="Своё.")
    call_command("load_reference", verbosity=0)
    council.refresh_from_db()
    assert council.abbreviation_ru == "СКБ"
    assert council.description_ru == "Своё."


def test_every_reference_body_with_an_abbreviation_has_a_russian_description(db):
    call_command("load_reference", verbosity=0)
    assert not Body.objects.filter(description_ru="").exclude(description="").exists()
    for body in Body.objects.exclude(abbreviation=""):
        assert body.abbreviation_ru, body


def test_membership_dates_in_russian(kazakhstan):
    event = kazakhstan.events.create(kind="joined", date=datetime.date(1994, 4, 20))
    with translation.override("ru"):
        assert event.display_date == "20 апреля 1994"


def test_official_pages_show_the_summary_in_the_readers_language(client, official):
    official.summary = "Kazakh diplomat who leads the Secretariat."
    official.summary_ru = "Казахстанский дипломат, возглавляющий Секретариат."
    official.save()
    russian = client.get(f"/ru/officials/{official.slug}/").content.decode()
    english = client.get(f"/officials/{official.slug}/").content.decode()
    assert '<p class="lead" lang="ru">Казахстанский дипломат, возглавляющий Секретариат.</p>' in (
        russian
    )
    assert '<meta name="description" content="Казахстанский дипломат' in russian
    assert "Kazakh diplomat" not in russian
    assert '<p class="lead" lang="en">Kazakh diplomat who leads the Secretariat.</p>' in english


def test_without_a_russian_summary_the_english_one_is_marked_english(client, official):
    official.summary = "Kazakh diplomat who leads the Secretariat."
    official.save()
    russian = client.get(f"/ru/officials/{official.slug}/").content.decode()
    assert '<p class="lead" lang="en">Kazakh diplomat who leads the Secretariat.</p>' in russian


def test_every_reference_official_has_a_russian_summary(db):
    """The reference data gives each official a Russian summary, in Cyrillic."""
    call_command("load_reference", verbosity=0)
    officials = list(Official.objects.all())
    assert officials
    missing = [o.slug for o in officials if not re.search("[А-Яа-яЁё]", o.summary_ru)]
    assert missing == []
    latin = [o.slug for o in officials if re.search("[A-Za-z]", o.summary_ru)]
    assert latin == []
