"""Fixtures shared by the news and people tests: small, hand-written archive objects and users."""

import datetime
import os
import shutil
from importlib import import_module
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from news.models import NewsItem, Statement, Status
from people.models import Body, MemberState, Official, Position
from tests.support.smtp import smtp_server

# Playwright's sync API keeps an event loop running in the test thread; Django refuses ORM
# calls there unless told that this is deliberate.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def kazakhstan(db):
    return MemberState.objects.create(
        name="Kazakhstan", name_ru="Казахстан", slug="kazakhstan", iso_code="KZ"
    )


@pytest.fixture
def council(db):
    return Body.objects.create(
        name="Collective Security Council",
        abbreviation="CSC",
        slug="collective-security-council",
        kind=Body.Kind.STATUTORY,
    )


@pytest.fixture
def ministers(db):
    return Body.objects.create(
        name="Council of Foreign Ministers",
        abbreviation="CFM",
        slug="council-of-foreign-ministers",
        kind=Body.Kind.STATUTORY,
    )


@pytest.fixture
def secretariat(db):
    return Body.objects.create(name="Secretariat", slug="secretariat", kind=Body.Kind.PERMANENT)


@pytest.fixture
def official(kazakhstan, secretariat):
    person = Official.objects.create(
        name="Aidar Testbekov", slug="aidar-testbekov", country=kazakhstan
    )
    Position.objects.create(
        official=person,
        title=Position.Title.DEPUTY_SECRETARY_GENERAL,
        body=secretariat,
        start=datetime.date(2020, 1, 1),
        end=datetime.date(2022, 12, 31),
    )
    Position.objects.create(
        official=person,
        title=Position.Title.SECRETARY_GENERAL,
        body=secretariat,
        start=datetime.date(2023, 1, 1),
    )
    return person


@pytest.fixture
def make_item(db):
    """Return a factory of news items; published unless told otherwise."""
    counter = iter(range(1, 10_000))

    def make(**fields):
        n = next(counter)
        values = {
            "title": f"Ministers met in Almaty, part {n}",
            "slug": f"ministers-met-{n}",
            "published_on": datetime.date(2024, 6, 6),
            "language": "en",
            "text": "The ministers discussed the situation on the borders.",
            "status": Status.PUBLISHED,
        } | fields
        bodies = values.pop("bodies", [])
        item = NewsItem.objects.create(**values)
        item.bodies.set(bodies)
        return item

    return make


@pytest.fixture
def make_statement(db, official):
    def make(**fields):
        values = {
            "speaker": official,
            "text": "He said the members had agreed on a joint plan.",
            "said_on": datetime.date(2024, 6, 6),
            "language": "en",
            "status": Status.PUBLISHED,
        } | fields
        return Statement.objects.create(**values)

    return make


def role_group(name):
    """The Editors or Publishers group as its data migration makes it, made again when an
    earlier transactional test's flush took it (a flush keeps permissions, not groups)."""
    group, created = Group.objects.get_or_create(name=name)
    if created:
        made = (
            "0002_editor_and_publisher_groups",
            "0019_meeting_roles",
            "0020_seat_exception_roles",
        )
        roles = [import_module(f"news.migrations.{migration}").GROUPS[name] for migration in made]
        for permission in (permission for listed in roles for permission in listed):
            app_label, codename = permission.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
    return group


def _user_in_group(django_user_model, username, group_name):
    user = django_user_model.objects.create_user(username, password="pw-" + username, is_staff=True)
    user.groups.add(role_group(group_name))
    return user


@pytest.fixture
def editor(db, django_user_model):
    return _user_in_group(django_user_model, "editor", "Editors")


@pytest.fixture
def publisher(db, django_user_model):
    return _user_in_group(django_user_model, "publisher", "Publishers")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def publisher_client(client, publisher):
    client.force_login(publisher)
    return client


@pytest.fixture
def count_queries(client):
    """Return a function that GETs a URL (expecting 200) and returns how many queries it ran."""

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries.captured_queries)

    return count


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch Debian's Chromium by path: no browser download, no network chatter."""
    if CHROMIUM is None:
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail("Chromium is required (REQUIRE_BROWSER is set) but not installed.")
        pytest.skip("Chromium is not installed: apt-get install chromium")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def artifacts():
    """Return the git-ignored folder where browser tests leave their screenshots."""
    folder = Path(__file__).resolve().parent.parent / "test-artifacts"
    folder.mkdir(exist_ok=True)
    return folder


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run browser tests last: their live server needs a transactional database, whose
    flush at the end would otherwise remove the groups that the data migration created
    before the remaining tests run."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture(autouse=True)
def english_outside_requests():
    """Reset the active language after each test: a request to a /ru/ page leaves Russian
    active in the thread, which would change the URLs that later tests reverse."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def empty_cache():
    """Start every test with an empty cache: the archive version restarts with each test's
    rolled-back database, so a page cached by one test could be served to the next."""
    cache.clear()


@pytest.fixture
def mailbox(settings):
    """Django's mail sent over SMTP to a real local server; the fixture is its mailbox."""
    with smtp_server() as (host, port, box):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = host
        settings.EMAIL_PORT = port
        settings.EMAIL_HOST_USER = ""
        settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_USE_SSL = False
        yield box
