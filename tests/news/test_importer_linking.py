"""The linker finds bodies, officials, states and cities in short hand-written texts."""

import datetime

import pytest

from news.importer.linking import Linker
from news.importer.normalize import english_variants, normalize
from people.models import Body, MemberState, Official, Position


@pytest.fixture
def archive(db):
    """Create a small archive: a few bodies, states and officials with posts."""
    armenia = MemberState.objects.create(
        name="Armenia", name_ru="Армения", slug="armenia", iso_code="AM"
    )
    russia = MemberState.objects.create(
        name="Russia", name_ru="Россия", slug="russia", iso_code="RU"
    )
    bodies = {
        "csc": Body.objects.create(
            name="Collective Security Council",
            name_ru="Совет коллективной безопасности",
            abbreviation="CSC",
            slug="csc",
            kind=Body.Kind.STATUTORY,
            aliases="CSTO Security Council",
        ),
        "cfm": Body.objects.create(
            name="Council of Foreign Ministers",
            name_ru="Совет министров иностранных дел",
            abbreviation="CFM",
            slug="cfm",
            kind=Body.Kind.STATUTORY,
        ),
        "cdm": Body.objects.create(
            name="Council of Defence Ministers",
            name_ru="Совет министров обороны",
            abbreviation="CDM",
            slug="cdm",
            kind=Body.Kind.STATUTORY,
            aliases="СМО",
        ),
        "permanent": Body.objects.create(
            name="Permanent Council",
            name_ru="Постоянный совет",
            slug="permanent",
            kind=Body.Kind.STATUTORY,
        ),
        "staff": Body.objects.create(
            name="Joint Staff",
            name_ru="Объединенный штаб",
            slug="staff",
            kind=Body.Kind.PERMANENT,
        ),
        "assembly": Body.objects.create(
            name="Parliamentary Assembly",
            name_ru="Парламентская ассамблея",
            slug="assembly",
            kind=Body.Kind.PARLIAMENTARY,
        ),
        "afghanistan": Body.objects.create(
            name="Working Group on Afghanistan",
            slug="afghanistan",
            kind=Body.Kind.WORKING_GROUP,
        ),
    }
    people = {
        "zas": Official.objects.create(
            name="Stanislav Zas", name_ru="Станислав Зась", slug="zas", aliases="Stanislau Zas"
        ),
        "masadykov": Official.objects.create(
            name="Taalatbek Masadykov", name_ru="Таалатбек Масадыков", slug="masadykov"
        ),
        "andrei": Official.objects.create(
            name="Andrei Serdyukov", name_ru="Андрей Сердюков", slug="andrei", country=russia
        ),
        "anatoly": Official.objects.create(
            name="Anatoly Serdyukov", name_ru="Анатолий Сердюков", slug="anatoly", country=russia
        ),
        "medvedev": Official.objects.create(
            name="Dmitry Medvedev", name_ru="Дмитрий Медведев", slug="medvedev", country=russia
        ),
        "rahmon": Official.objects.create(
            name="Emomali Rahmon", name_ru="Эмомали Рахмон", slug="rahmon"
        ),
        "rustam": Official.objects.create(
            name="Rustam Emomali", name_ru="Рустам Эмомали", slug="rustam"
        ),
    }
    Position.objects.create(
        official=people["andrei"],
        title=Position.Title.CHIEF_OF_JOINT_STAFF,
        body=bodies["staff"],
        start=datetime.date(2023, 11, 23),
    )
    Position.objects.create(
        official=people["anatoly"],
        title=Position.Title.DEFENCE_MINISTER,
        state=russia,
        start=datetime.date(2007, 2, 15),
        end=datetime.date(2012, 11, 6),
    )
    return {"states": {"armenia": armenia, "russia": russia}, **bodies, **people}


def link(text, **kwargs):
    return Linker.from_db().link(text, **kwargs)


def names(objects):
    return [obj.name for obj in objects]


# -- normalisation ------------------------------------------------------------------------


def test_normalize_keeps_a_map_to_the_original_text():
    text = "Генсек  ОДКБ\u00a0Тасмагам-\nбетов и «Ёлка» – ёж"
    normal, offsets = normalize(text)
    assert normal == 'генсек одкб тасмагамбетов и "елка"-еж'
    start = normal.index("тасмагамбетов")
    end = start + len("тасмагамбетов")
    assert text[offsets[start] : offsets[end - 1] + 1] == "Тасмагам-\nбетов"


def test_normalize_fixes_latin_lookalikes_inside_cyrillic_words():
    assert normalize("ШОC")[0] == "шос"  # the last letter is a Latin C


def test_english_variants_cover_spellings_and_word_order():
    variants = english_variants("Council of Defence Ministers")
    assert "Council of Defense Ministers" in variants
    assert "Defense Ministers Council" in variants
    assert "Council of Ministers of Defence" in variants


# -- bodies -------------------------------------------------------------------------------


def test_russian_case_forms_of_body_names_are_generated(archive):
    links = link("Заседание Совета министров иностранных дел ОДКБ прошло в Ереване.")
    assert links.bodies == [archive["cfm"]]
    assert links.places == ["Yerevan"]


def test_abbreviations_count_only_in_capitals(archive):
    assert names(link("The CSTO CSC met after the CFM.").bodies) == [
        "Collective Security Council",
        "Council of Foreign Ministers",
    ]
    assert link("The CSTO said csc and cfm.").bodies == []


def test_ambiguous_abbreviation_needs_the_full_name(archive):
    assert link("СМО продолжается, заявили в ОДКБ.").bodies == []
    links = link("Совет министров обороны ОДКБ (СМО) собрался, СМО одобрил план.")
    assert links.bodies == [archive["cdm"]]


@pytest.mark.parametrize(
    "text",
    [
        "The CIS Council of Foreign Ministers met in Minsk; the CSTO was not discussed.",
        "Совет министров иностранных дел СНГ собрался, ОДКБ не обсуждали.",
        "Совет министров обороны государств – участников СНГ встретился, ОДКБ тоже.",
        "The UN Security Council heard the CSTO envoy.",
        "The CSTO Security Council secretaries met in Moscow.",
        "The Secretary of the CSTO Security Council of Armenia spoke.",
        "The Collective Rapid Reaction Forces of the CSTO held drills.",
        "The OSCE Permanent Council discussed the CSTO.",
        "The Parliamentary Assembly of the Union State and the CSTO.",
        "The Inter-Parliamentary Assembly of the CIS and the CSTO.",
        "The Asian Parliamentary Assembly invited the CSTO.",
        "The Joint Staff of the Armed Forces of Armenia and the CSTO.",
        "The Permanent Council met.",  # no CSTO in the text at all
    ],
)
def test_distractors_are_not_linked(archive, text):
    assert link(text).bodies == []


def test_generic_names_count_in_a_csto_text(archive):
    links = link("The CSTO leaders met. The Permanent Council then approved the plan.")
    assert links.bodies == [archive["permanent"]]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Заседание Совета министров иностранных дел пройдет в Минске, сообщили в ОДКБ.", "cfm"),
        ("Envoys Attend Permanent Council\n\nThe CSTO envoys met in Moscow.", "permanent"),
        ("Collective Security Treaty Organization’s (CSTO) Joint Staff reported.", "staff"),
    ],
)
def test_capitalised_words_before_a_name_do_not_always_own_it(archive, text, key):
    assert link(text).bodies == [archive[key]]


def test_a_body_named_inside_another_after_under_counts_too(archive):
    links = link(
        "The Working Group on Afghanistan under the CSTO Council of Foreign Ministers met."
    )
    assert names(links.bodies) == ["Working Group on Afghanistan", "Council of Foreign Ministers"]


def test_word_boundaries_are_respected(archive):
    # "Засе" (Зась in the prepositional case) must not match inside "заседание".
    links = link("Засядько пришел на заседание ОДКБ.")
    assert links.officials == []


# -- officials ----------------------------------------------------------------------------


def test_generated_case_forms_of_officials_are_found(archive):
    links = link("В ОДКБ встретились со Станиславом Засем; Засю вручили награду.")
    assert links.officials == [archive["zas"]]


def test_a_unique_surname_alone_is_enough(archive):
    assert link("Masadykov said the CSTO is ready.").officials == [archive["masadykov"]]


def test_surname_that_is_a_first_name_needs_the_full_name(archive):
    assert link("Emomali spoke at the CSTO summit.").officials == []
    links = link("Rustam Emomali met the CSTO head. Emomali said so.")
    assert links.officials == [archive["rustam"]]


def test_another_first_name_means_another_person(archive):
    links = link("Игорь Медведев сообщил об учениях ОДКБ. Медведев уточнил детали.")
    assert links.officials == []
    assert links.unknown_people == ["Игорь Медведев"]


@pytest.mark.parametrize(
    ("published", "expected"),
    [(datetime.date(2024, 3, 1), "andrei"), (datetime.date(2010, 3, 1), "anatoly")],
)
def test_serdyukov_is_told_apart_by_date(archive, published, expected):
    links = link("Serdyukov addressed the CSTO meeting.", published=published)
    assert links.officials == [archive[expected]]


def test_serdyukov_is_told_apart_by_context_without_a_date(archive):
    assert link("Serdyukov, chief of the CSTO Joint Staff, spoke.").officials == [archive["andrei"]]
    assert link("Defence Minister Serdyukov met CSTO officials.").officials == [archive["anatoly"]]
    assert link("Serdyukov met CSTO officials.").officials == []


def test_first_name_decides_between_namesakes(archive):
    links = link("Андрей Сердюков возглавил штаб ОДКБ.")
    assert links.officials == [archive["andrei"]]


def test_typos_are_matched_under_the_fuzzy_threshold(archive):
    links = link("CSTO chief Stanislav Was met Masadikov.")
    assert links.officials == [archive["zas"], archive["masadykov"]]


def test_a_different_surname_is_not_a_typo(archive):
    # Serdyuk is a surname of its own, not a misspelt Serdyukov.
    assert link("Andrei Serdyuk spoke at the CSTO.").officials == []


def test_bylines_and_photo_credits_are_ignored(archive):
    text = "Photo: Stanislav Zas\nBy Taalatbek Masadykov\nThe CSTO Permanent Council met."
    links = link(text)
    assert links.officials == []
    assert links.bodies == [archive["permanent"]]


def test_sidebar_teasers_are_ignored(archive):
    text = "Важно\nМасадыков заявил о новом\n\nВ ОДКБ обсудили учения."
    assert link(text).officials == []


# -- the archive's own data ---------------------------------------------------------------


def test_an_alias_added_in_the_database_is_picked_up(archive):
    text = "The CSTO Ministerial Board met in Minsk."
    assert link(text).bodies == []
    archive["cfm"].aliases = "CSTO Ministerial Board"
    archive["cfm"].save()
    assert link(text).bodies == [archive["cfm"]]


def test_a_new_official_gets_russian_case_forms_automatically(archive):
    Official.objects.create(name="Ivan Testov", name_ru="Иван Тестов", slug="ivan-testov")
    assert names(link("ОДКБ наградила Ивана Тестова.").officials) == ["Ivan Testov"]


# -- states, places, spans ----------------------------------------------------------------


def test_states_and_places_in_russian_case_forms(archive):
    links = link("Делегация Армении прибыла в Москву, затем в Санкт-Петербург.")
    assert links.states == [archive["states"]["armenia"]]
    assert links.places == ["Moscow", "St. Petersburg"]


def test_a_region_is_not_its_city(archive):
    assert link("Drills in the Nizhny Novgorod Region.").places == []


def test_unknown_people_after_titles(archive):
    links = link("CSTO talks: Foreign Minister Aibek Zhumabayev met Stanislav Zas.")
    assert links.unknown_people == ["Aibek Zhumabayev"]
    assert links.officials == [archive["zas"]]


def test_matches_point_at_the_original_text(archive):
    text = "Генсек\u00a0ОДКБ Станислав  Зась и Совет министров\nиностранных дел, Армения."
    links = link(text)
    by_kind = {match.kind: match for match in links.matches}
    for match in links.matches:
        assert text[match.start : match.end] == match.text
    assert by_kind["official"].text == "Станислав  Зась"
    assert by_kind["body"].text == "Совет министров\nиностранных дел"
    assert by_kind["state"].text == "Армения"


def test_empty_archive_links_nothing(db):
    assert link("The CSTO Collective Security Council met.").matches == []
