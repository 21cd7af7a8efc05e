"""The data-integrity checks, the check_data command and the admin page that lists findings."""

import datetime
import json

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F
from django.urls import reverse

from core.integrity import Severity, all_checks, run_checks
from news import integrity as news_integrity
from news.models import NewsCount, Status
from people import integrity
from people.integrity import shared_span
from people.models import Body, Meeting, MemberState, Official, Position

T = Position.Title
D = datetime.date


def span(start, end=None):
    return Position(start=start, end=end)


def post(official, title, start, end=None, **fields):
    return Position.objects.create(official=official, title=title, start=start, end=end, **fields)


def person(name, **fields):
    return Official.objects.create(name=name, slug=name.lower().replace(" ", "-"), **fields)


def position_url(position):
    return reverse("admin:people_position_change", args=[position.pk])


@pytest.fixture
def russia(db):
    return MemberState.objects.create(name="Russia", slug="russia", iso_code="RU")


# Overlap and hand-over


def test_a_handover_on_the_same_day_is_not_an_overlap():
    assert shared_span(span(D(2020, 1, 1), D(2022, 12, 31)), span(D(2022, 12, 31))) is None
    assert shared_span(span(D(2022, 12, 31)), span(D(2020, 1, 1), D(2022, 12, 31))) is None


def test_spans_that_share_two_days_overlap():
    shared = shared_span(span(D(2020, 1, 1), D(2023, 1, 1)), span(D(2022, 12, 31)))
    assert shared == (D(2022, 12, 31), D(2023, 1, 1))


def test_spans_a_day_apart_do_not_overlap():
    assert shared_span(span(D(2020, 1, 1), D(2022, 12, 30)), span(D(2022, 12, 31))) is None


def test_two_open_ended_spans_overlap_to_now():
    assert shared_span(span(D(2020, 1, 1)), span(D(2024, 5, 1))) == (D(2024, 5, 1), None)


def test_a_one_day_span_inside_another_overlaps():
    day = D(2021, 6, 1)
    assert shared_span(span(D(2020, 1, 1), D(2022, 1, 1)), span(day, day)) == (day, day)
    # Beginning on the other's first day is not a hand-over: nothing ended that day.
    assert shared_span(span(day), span(day, day)) == (day, day)


# One-person posts


def test_two_secretaries_general_at_once_is_an_error(official, secretariat):
    rival = person("Rival Testov")
    theirs = post(rival, T.SECRETARY_GENERAL, D(2024, 1, 1), D(2024, 6, 30), body=secretariat)
    [finding] = integrity.one_person_posts()
    assert finding.severity == Severity.ERROR
    assert "Rival Testov" in finding.message and "Aidar Testbekov" in finding.message
    assert "1 January 2024 to 30 June 2024" in finding.message
    ours = official.positions.get(title=T.SECRETARY_GENERAL)
    assert {s.admin_url for s in finding.subjects} == {position_url(ours), position_url(theirs)}


def test_an_acting_secretary_general_shares_the_seat(official):
    post(person("Acting Testov"), T.ACTING_SECRETARY_GENERAL, D(2023, 3, 1), D(2023, 4, 1))
    assert len(integrity.one_person_posts()) == 1


def test_a_handover_of_a_one_person_post_is_fine(official, secretariat):
    # The fixture's Secretary General took office on 1 January 2023.
    post(person("Before Testov"), T.SECRETARY_GENERAL, D(2020, 1, 1), D(2023, 1, 1))
    assert integrity.one_person_posts() == []


def test_a_predecessor_who_leaves_a_day_late_is_reported(official):
    post(person("Before Testov"), T.SECRETARY_GENERAL, D(2020, 1, 1), D(2023, 1, 2))
    assert len(integrity.one_person_posts()) == 1


def test_national_posts_are_one_per_state(kazakhstan, russia):
    post(person("Kazakh Minister"), T.FOREIGN_MINISTER, D(2020, 1, 1), state=kazakhstan)
    post(person("Russian Minister"), T.FOREIGN_MINISTER, D(2020, 1, 1), state=russia)
    assert integrity.one_person_posts() == []
    post(
        person("Second Kazakh"), T.FOREIGN_MINISTER, D(2021, 1, 1), D(2021, 2, 1), state=kazakhstan
    )
    [finding] = integrity.one_person_posts()
    assert "Kazakh Minister" in finding.message and "Second Kazakh" in finding.message


def test_posts_that_several_people_hold_are_not_compared(official, kazakhstan):
    post(person("Deputy One"), T.DEPUTY_SECRETARY_GENERAL, D(2020, 1, 1))
    post(person("Deputy Two"), T.DEPUTY_SECRETARY_GENERAL, D(2020, 1, 1))
    # A national post without a state: its seat is unknown.
    post(person("Stateless One"), T.PRESIDENT, D(2020, 1, 1))
    post(person("Stateless Two"), T.PRESIDENT, D(2020, 1, 1))
    assert integrity.one_person_posts() == []


# Contradicting posts of one person


def test_secretary_general_and_a_minister_at_once_contradict(official, kazakhstan):
    minister = post(official, T.DEFENCE_MINISTER, D(2023, 1, 1), D(2023, 1, 3), state=kazakhstan)
    [finding] = integrity.contradicting_positions()
    assert finding.severity == Severity.WARNING
    assert "1 January 2023 to 3 January 2023" in finding.message
    assert position_url(minister) in {s.admin_url for s in finding.subjects}
    assert reverse("admin:people_official_change", args=[official.pk]) in {
        s.admin_url for s in finding.subjects
    }


def test_the_same_post_twice_at_once_contradicts(official):
    post(official, T.SECRETARY_GENERAL, D(2024, 1, 1))
    [finding] = integrity.contradicting_positions()
    assert "to now" in finding.message


def test_compatible_or_consecutive_posts_do_not_contradict(official, kazakhstan):
    # The fixture: deputy until 31 December 2022, Secretary General from 1 January 2023.
    post(official, T.ACTING_SECRETARY_GENERAL, D(2021, 1, 1), D(2021, 3, 1))
    post(official, T.FOREIGN_MINISTER, D(2019, 1, 1), D(2020, 1, 1), state=kazakhstan)
    post(official, T.OTHER, D(2020, 1, 1), note="Member of parliament")
    post(official, T.OTHER, D(2021, 1, 1), note="Party chairman")
    post(official, T.PRESS_SECRETARY, D(2023, 1, 1))
    assert integrity.contradicting_positions() == []


# Positions without a start date


def test_a_position_without_a_start_is_a_warning(official, secretariat):
    undated = post(official, T.DEPUTY_SECRETARY_GENERAL, None, body=secretariat, note="Seen 2019")
    [finding] = integrity.positions_without_start()
    assert finding.severity == Severity.WARNING
    assert finding.message.endswith("has no start date. Seen 2019")
    assert finding.subjects[0].admin_url == position_url(undated)


def test_dated_positions_are_not_reported(official):
    assert integrity.positions_without_start() == []


# Statements without a source


def test_a_published_statement_without_any_source_is_a_warning(make_statement):
    statement = make_statement()
    [finding] = news_integrity.statements_without_source()
    assert finding.severity == Severity.WARNING
    assert finding.subjects[0].admin_url == reverse(
        "admin:news_statement_change", args=[statement.pk]
    )


def test_statements_with_a_source_somewhere_are_fine(make_statement, make_item):
    original = make_item(source_url="https://example.org/original")
    translation = make_item(language="ru", translation_of=original)
    make_statement(source_url="https://example.org/said")
    make_statement(news_item=original)
    make_statement(news_item=translation)
    make_statement(status=Status.DRAFT)
    assert news_integrity.statements_without_source() == []
    make_statement(news_item=make_item())
    assert len(news_integrity.statements_without_source()) == 1


# News linked to an official out of post


def test_an_item_before_the_officials_first_post_gets_a_hint(official, make_item):
    item = make_item(published_on=D(2019, 12, 31))
    item.officials.add(official)
    [finding] = news_integrity.officials_out_of_post()
    assert finding.severity == Severity.HINT
    assert finding.subjects[0].admin_url == reverse("admin:news_newsitem_change", args=[item.pk])
    assert "Aidar Testbekov" in finding.message and "31 December 2019" in finding.message


def test_items_within_a_post_or_about_unknown_careers_get_no_hint(official, make_item):
    first_day = make_item(published_on=D(2020, 1, 1))
    first_day.officials.add(official)
    open_ended = make_item(published_on=D(2030, 1, 1))
    open_ended.officials.add(official)
    no_posts = make_item(published_on=D(2010, 1, 1))
    no_posts.officials.add(person("Nobody Testov"))
    undated = person("Undated Testov")
    post(undated, T.DEFENCE_MINISTER, D(2001, 1, 1), D(2002, 1, 1))
    post(undated, T.PERMANENT_REPRESENTATIVE, None)
    maybe = make_item(published_on=D(2010, 1, 1))
    maybe.officials.add(undated)
    assert news_integrity.officials_out_of_post() == []


def test_the_day_after_the_last_post_ends_gets_a_hint(make_item):
    former = person("Former Testov")
    post(former, T.FOREIGN_MINISTER, D(2001, 1, 1), D(2005, 3, 1))
    last_day = make_item(published_on=D(2005, 3, 1))
    day_after = make_item(published_on=D(2005, 3, 2))
    for item in (last_day, day_after):
        item.officials.add(former)
    [finding] = news_integrity.officials_out_of_post()
    assert finding.subjects[0].label == day_after.title


# Colliding names


def test_names_that_differ_only_in_case_spaces_or_yo_collide(db):
    fyodorov = person("Ivan Fyodorov", name_ru="Иван Фёдоров")
    person("Petr Fedorov", aliases="Петр Федоров\nИВАН   федоров")
    person("Anna Fedorova", name_ru="Анна Федорова")
    [finding] = integrity.name_collisions()
    assert finding.severity == Severity.ERROR
    assert "Ivan Fyodorov" in finding.message and "Petr Fedorov" in finding.message
    assert finding.subjects[0].admin_url == reverse(
        "admin:people_official_change", args=[fyodorov.pk]
    )


def test_bodies_collide_through_abbreviations_and_aliases(council, ministers):
    assert integrity.name_collisions() == []
    Body.objects.create(
        name="Council of Students", slug="students", kind=Body.Kind.SUBSIDIARY, aliases="csc"
    )
    [finding] = integrity.name_collisions()
    assert "Collective Security Council" in finding.message and "“CSC”" in finding.message


def test_an_official_and_a_body_with_the_same_name_do_not_collide(council):
    person("Collective Security Council")
    assert integrity.name_collisions() == []


# The command


def test_the_command_reports_nothing_on_clean_data(official, capsys):
    call_command("check_data")
    out = capsys.readouterr().out
    assert "Two people in a one-person post (error): 0" in out
    assert "Total: errors: 0, warnings: 0, hints: 0." in out


def test_the_command_fails_on_a_warning_with_the_objects_addresses(official, secretariat, capsys):
    undated = post(official, T.PRESS_SECRETARY, None, body=secretariat)
    with pytest.raises(CommandError) as error:
        call_command("check_data")
    assert error.value.returncode == 1
    assert str(error.value) == "Problems found (errors: 0, warnings: 1, hints: 0)."
    out = capsys.readouterr().out
    assert "Positions without a start date (warning): 1" in out
    assert position_url(undated) in out
    # Warnings pass when only errors fail.
    call_command("check_data", "--fail-on", "error")


def test_hints_are_not_problems_unless_asked(official, make_item):
    make_item(published_on=D(2010, 1, 1)).officials.add(official)
    call_command("check_data")
    with pytest.raises(CommandError):
        call_command("check_data", "--fail-on", "hint")


def test_the_command_writes_json(official, make_item, capsys):
    item = make_item(published_on=D(2010, 1, 1))
    item.officials.add(official)
    call_command("check_data", "--format", "json")
    data = json.loads(capsys.readouterr().out)
    assert data["counts"] == {"hint": 1, "warning": 0, "error": 0}
    [finding] = data["findings"]
    assert finding["check"] == "official_out_of_post"
    assert finding["severity"] == "hint"
    assert finding["objects"][0]["admin_url"] == f"/admin/news/newsitem/{item.pk}/change/"


def test_the_command_refuses_an_unknown_threshold(db):
    with pytest.raises(CommandError):
        call_command("check_data", "--fail-on", "fatal")


# The admin page


URL = "/admin/people/official/integrity/"


def test_the_admin_page_lists_findings_with_links(publisher_client, official, secretariat):
    rival = post(person("Rival Testov"), T.SECRETARY_GENERAL, D(2024, 1, 1), body=secretariat)
    response = publisher_client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Two people in a one-person post" in html
    assert f'href="{position_url(rival)}"' in html
    assert "<script" not in html.split('id="content-main"')[1]
    assert "style=" not in html


def test_editors_may_see_the_page_and_its_link_on_the_index(editor_client):
    assert editor_client.get(URL).status_code == 200
    assert f'href="{URL}"' in editor_client.get("/admin/").content.decode()


def test_anonymous_and_non_staff_users_are_sent_to_log_in(client, django_user_model):
    response = client.get(URL)
    assert response.status_code == 302 and response.url.startswith("/admin/login/")
    client.force_login(django_user_model.objects.create_user("reader", password="pw-reader"))
    response = client.get(URL)
    assert response.status_code == 302 and response.url.startswith("/admin/login/")


def test_staff_without_permission_to_view_people_are_refused(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("x", password="pw-x", is_staff=True))
    assert client.get(URL).status_code == 403
    assert f'href="{URL}"' not in client.get("/admin/").content.decode()


def _findings_of_every_kind(numbers, secretariat, kazakhstan, make_item, make_statement):
    for i in numbers:
        a = person(f"First {i}")
        b = person(f"Second {i}", aliases=f"first {i}")
        post(a, T.PRESIDENT, D(2000 + i, 1, 1), D(2000 + i, 6, 1), state=kazakhstan)
        post(b, T.PRESIDENT, D(2000 + i, 3, 1), D(2000 + i, 6, 1), state=kazakhstan)
        post(a, T.FOREIGN_MINISTER, D(2000 + i, 2, 1), D(2000 + i, 3, 1), state=kazakhstan)
        post(b, T.OTHER, None, body=secretariat)
        make_statement(speaker=a)
        make_item(published_on=D(1990, 1, 1 + i)).officials.add(a)
        # Two meetings of one day that no item reports, and an item of that day not linked.
        for n in range(2):
            Meeting.objects.create(body=secretariat, slug=f"m-{i}-{n}", date=D(1991, 1, 1 + i))
        make_item(published_on=D(1991, 1, 1 + i), bodies=[secretariat])
    # The list counts, written around the archive.
    NewsCount.objects.filter(body__isnull=True).update(items=F("items") + 7)


def test_the_admin_page_runs_a_fixed_number_of_queries(
    publisher_client, count_queries, secretariat, kazakhstan, make_item, make_statement
):
    _findings_of_every_kind(range(1), secretariat, kazakhstan, make_item, make_statement)
    few = count_queries(URL)
    _findings_of_every_kind(range(1, 5), secretariat, kazakhstan, make_item, make_statement)
    findings = run_checks().findings
    assert {f.check for f in findings} == {check.code for check in all_checks()}
    assert count_queries(URL) == few


def test_reference_data_is_found_in_no_one_person_post_twice(db):
    """The reference data's one-person posts follow each other without overlapping, except for
    the two overlaps its sources record (see the README)."""
    call_command("load_reference", verbosity=0)
    pairs = {
        frozenset(s.label.split(":")[0] for s in finding.subjects)
        for finding in integrity.one_person_posts()
    }
    assert pairs == {frozenset({"Askar Akayev", "Kurmanbek Bakiyev"})}
