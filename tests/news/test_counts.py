"""The table of counts: the public list's totals and facets without counting the items."""

import datetime
import io
import random

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.archive_io import export_archive, import_archive
from news.counts import drift, rebuild
from news.models import NewsCount, NewsItem, Status

D = datetime.date


def expected(items, **chosen):
    """Count by hand, in Python, what the public list of these filters holds."""
    body = chosen.get("body")
    year = chosen.get("year")
    return sum(
        1
        for item in items
        if item.status == Status.PUBLISHED
        and (year is None or item.published_on.year == year)
        and (body is None or body in {b.slug for b in item.bodies.all()})
        and all(
            getattr(item, name) == chosen[name] for name in ("language", "kind") if name in chosen
        )
    )


def shown(client, **chosen):
    response = client.get(reverse("news:list"), chosen)
    assert response.status_code == 200
    return response


def check_list(client, bodies, **chosen):
    """The list's total and facets equal the hand counts; the table agrees with the items."""
    items = list(NewsItem.objects.prefetch_related("bodies"))
    response = shown(client, **chosen)
    assert response.context["paginator"].count == expected(items, **chosen)
    years = {int(f.label): f.count for f in response.context["year_facets"]}
    without_year = {k: v for k, v in chosen.items() if k != "year"}
    for year in {item.published_on.year for item in items}:
        assert years.get(year, 0) == expected(items, **without_year, year=year)
    by_body = {f.label: f.count for f in response.context["body_facets"]}
    without_body = {k: v for k, v in chosen.items() if k != "body"}
    for body in bodies:
        assert by_body.get(body.display_name, 0) == expected(items, **without_body, body=body.slug)
    assert drift() == []


@pytest.fixture
def bodies(council, ministers, secretariat):
    return [council, ministers, secretariat]


def test_counts_follow_every_kind_of_change(client, make_item, bodies):
    rng = random.Random(7)
    items = []
    for _ in range(12):
        items.append(
            make_item(
                published_on=D(rng.choice([2022, 2023, 2024]), rng.randint(1, 12), 1),
                language=rng.choice(["en", "ru"]),
                kind=rng.choice(["news", "interview"]),
                status=rng.choice([Status.PUBLISHED, Status.PUBLISHED, Status.DRAFT]),
                bodies=rng.sample(bodies, rng.randint(0, 2)),
            )
        )
    check_list(client, bodies)
    changes = [
        lambda item: setattr(item, "published_on", D(2021, 5, 5)),
        lambda item: setattr(item, "status", Status.DRAFT),
        lambda item: setattr(item, "status", Status.PUBLISHED),
        lambda item: setattr(item, "language", "ru"),
        lambda item: setattr(item, "kind", "news"),
    ]
    for step in range(15):
        item = rng.choice(items)
        what = step % 8
        if what < 5:
            changes[what](item)
            item.save()
        elif what == 5:
            item.bodies.set(rng.sample(bodies, rng.randint(0, 3)))
        elif what == 6:
            # From the body's side of the links, added and removed.
            body = rng.choice(bodies)
            body.news_items.add(item)
            body.news_items.remove(rng.choice(items))
        else:
            items.remove(item)
            item.delete()
        check_list(client, bodies)
    for chosen in (
        {"year": 2024},
        {"body": bodies[0].slug},
        {"body": bodies[1].slug, "year": 2023},
        {"language": "ru", "kind": "interview"},
    ):
        check_list(client, bodies, **chosen)


def test_a_cleared_body_and_a_deleted_body_leave_the_counts_right(client, make_item, bodies):
    council, ministers, _ = bodies
    make_item(published_on=D(2023, 1, 1), bodies=[council, ministers])
    make_item(published_on=D(2024, 1, 1), bodies=[council])
    council.news_items.clear()
    check_list(client, bodies)
    ministers.delete()
    check_list(client, [council])


def test_the_public_list_is_counted_from_the_table(client, make_item, bodies):
    """No query of the anonymous list groups or counts the items themselves."""
    for n in range(5):
        make_item(published_on=D(2020 + n, 1, 1), bodies=bodies[: n % 3])
    with CaptureQueriesContext(connection) as queries:
        shown(client, body=bodies[0].slug)
    counting = [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]
    assert counting == []
    assert any("news_newscount" in q["sql"] for q in queries)


def test_staff_and_other_filters_are_counted_from_the_items(
    admin_client, client, make_item, bodies, official
):
    """Drafts are counted for staff only; an official's list is not in the table."""
    make_item(published_on=D(2024, 1, 1), bodies=bodies[:1])
    make_item(published_on=D(2024, 2, 1), bodies=bodies[:1], status=Status.DRAFT)
    assert admin_client.get(reverse("news:list")).context["paginator"].count == 2
    assert client.get(reverse("news:list")).context["paginator"].count == 1
    item = NewsItem.objects.published().get()
    item.officials.add(official)
    response = client.get(reverse("news:list"), {"official": official.slug})
    assert response.context["paginator"].count == 1
    # Two bodies are "either": the table would count an item of both twice.
    item.bodies.add(bodies[1])
    response = client.get(reverse("news:list"), {"body": [bodies[0].slug, bodies[1].slug]})
    assert response.context["paginator"].count == 1


def table():
    rows = NewsCount.objects.values_list("year", "body__slug", "language", "kind", "items")
    return sorted(rows, key=repr)


# Transactional: the import wants an empty database, and flushing it inside a test's
# transaction is refused by PostgreSQL.
@pytest.mark.django_db(transaction=True)
def test_an_archive_import_and_a_generated_archive_are_counted(make_item, bodies):
    make_item(published_on=D(2023, 1, 1), bodies=bodies[:2])
    make_item(published_on=D(2024, 1, 1), status=Status.DRAFT)
    before = table()
    stream = io.StringIO()
    export_archive(stream)
    assert "news.newscount" not in stream.getvalue()  # derived: rebuilt, never carried
    call_command("flush", "--noinput")  # an import wants an empty database
    assert not NewsCount.objects.exists()
    stream.seek(0)
    import_archive(stream)
    after = table()
    assert after == before

    call_command("generate_archive", "--items", "300", verbosity=0)
    assert drift() == []
    totals = NewsCount.objects.filter(body__isnull=True).values_list("items", flat=True)
    assert sum(totals) == NewsItem.objects.published().count() > 300


def test_a_database_migrated_from_before_the_table_is_counted(db, make_item, bodies):
    make_item(published_on=D(2023, 1, 1), bodies=bodies[:1])
    NewsCount.objects.all().delete()
    call_command("migrate", verbosity=0)
    assert NewsCount.objects.filter(year=2023, body__isnull=True).get().items == 1
    assert rebuild() == NewsCount.objects.count()


def test_a_table_written_around_the_archive_is_reported_and_rebuilt(db, make_item, bodies):
    from core.integrity import Severity, run_checks

    make_item(published_on=D(2023, 1, 1), bodies=bodies[:1])
    NewsCount.objects.filter(body__isnull=True).update(items=5)
    findings = [f for f in run_checks().findings if f.check == "counts_out_of_step"]
    assert [f.severity for f in findings] == [Severity.ERROR]
    assert "5 counted, 1 published" in findings[0].message
    out = io.StringIO()
    call_command("rebuild_counts", stdout=out)
    assert "rows rebuilt" in out.getvalue()
    assert drift() == []
    assert not [f for f in run_checks().findings if f.check == "counts_out_of_step"]


def test_a_body_page_charts_the_public_years_from_the_table(
    client, admin_client, make_item, bodies
):
    council = bodies[0]
    make_item(published_on=D(2022, 3, 1), bodies=[council])
    make_item(published_on=D(2024, 3, 1), bodies=[council])
    make_item(published_on=D(2024, 4, 1), bodies=[council])
    make_item(published_on=D(2023, 4, 1), bodies=[council], status=Status.DRAFT)
    public = client.get(council.get_absolute_url()).context["chart"]
    assert public == [(2022, 1, 50), (2023, 0, 0), (2024, 2, 100)]
    staff = admin_client.get(council.get_absolute_url()).context["chart"]
    assert staff == [(2022, 1, 50), (2023, 1, 50), (2024, 2, 100)]
    with CaptureQueriesContext(connection) as queries:
        client.get(bodies[1].get_absolute_url())
    grouped = [q["sql"] for q in queries if "GROUP BY" in q["sql"] and "newscount" not in q["sql"]]
    assert grouped == []
