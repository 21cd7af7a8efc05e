"""Every POST without a CSRF token is refused with 403, whoever sends it and wherever.

The addresses are read from the URL configuration, so an admin page, an admin action or
a public view added later is covered without touching this file. CSRF checking runs before
any view, so a 403 here says nothing of a view's own permissions; the response is checked
to be the CSRF refusal itself, and the same POST with a token to be let through.
"""

import datetime

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import translation

from news.models import NewsItem, Statement
from people.models import Body, MemberState, Official, Position

CSRF_REFUSAL = b"CSRF"  # in the refusal page of every language
# Email alerts read no session or cookie: a subscription request only mails a confirmation
# link, and unsubscribing (RFC 8058's one-click POST) and managing act on a signed link.
SESSIONLESS = {"alerts:subscribe", "alerts:unsubscribe", "alerts:manage"}


def named_routes():
    """Return (name, parameter names, positional groups) of every named route, admin included."""
    routes = []

    def walk(patterns, namespace, params, positional):
        for entry in patterns:
            regex = entry.pattern.regex
            found = params | set(regex.groupindex)
            count = positional + regex.groups - len(regex.groupindex)
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, entry.namespace or namespace, found, count)
            elif isinstance(entry, URLPattern) and entry.name:
                name = f"{namespace}:{entry.name}" if namespace else entry.name
                routes.append((name, found, count))

    walk(get_resolver().url_patterns, None, set(), 0)
    return routes


@pytest.fixture
def objects(make_item, make_statement, council, official, kazakhstan, superuser):
    item = make_item(bodies=[council])
    statement = make_statement(news_item=item)
    position = official.positions.first()
    return {
        "item": item,
        "statement": statement,
        "position": position,
        "history_id": item.history.first().history_id,
        "user": superuser,
    }


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser("root", "root@example.org", "pw-root")


@pytest.fixture
def strict_client(superuser):
    """A logged-in superuser's client that enforces CSRF checks like a browser session."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(superuser)
    return client


def parameter_values(objects):
    item = objects["item"]
    return {
        "year": item.published_on.year,
        "month": item.published_on.month,
        "day": item.published_on.day,
        "slug": item.slug,
        "pk": objects["statement"].pk,
        "object_id": item.pk,
        "change_id": 1,  # a pending change's number: the CSRF check runs before the lookup
        "history_id": objects["history_id"],
        "app_label": "news",
        "content_type_id": ContentType.objects.get_for_model(NewsItem).pk,
        "id": objects["user"].pk,  # the admin's password change of a user
        "token": "not-signed",
    }


def addresses(objects):
    """Return (route, address) for every named route, in each language where it has one."""
    values = parameter_values(objects)
    found = []
    for name, params, positional in named_routes():
        unknown = params - set(values)
        assert not unknown, f"{name}: give a value for {sorted(unknown)}"
        kwargs = {key: values[key] for key in params}
        # Unnamed groups (simple-history's version pages) take the object's key: the CSRF
        # check runs before the view looks anything up.
        args = [values["object_id"]] * positional
        for language in ("en", "ru"):
            with translation.override(language):
                found.append((name, reverse(name, args=args or None, kwargs=kwargs or None)))
    return sorted(set(found))


def test_every_route_refuses_a_post_without_a_token(strict_client, objects):
    refused, read_only, sessionless, let_through = [], [], [], []
    for name, address in addresses(objects):
        response = strict_client.post(address, {"title": "x"})
        if response.status_code == 403 and CSRF_REFUSAL in response.content:
            refused.append(name)
        elif response.status_code == 405 and getattr(resolve(address).func, "csrf_exempt", False):
            # The read-only JSON API does not use the session (so it needs no token)
            # and accepts no POST at all.
            read_only.append(name)
        elif name in SESSIONLESS and getattr(resolve(address).func, "csrf_exempt", False):
            # Refused for what they lack (an address, a signed link), not for the token.
            assert response.status_code == 400, (name, response.status_code)
            sessionless.append(name)
        else:
            let_through.append((name, address, response.status_code))
    assert let_through == []
    assert all(name.startswith("api:") for name in read_only)
    assert set(sessionless) == SESSIONLESS
    # The sweep reached the pages that change data.
    assert {NewsItem, Statement, Official, Body, MemberState, Position} <= set(admin.site._registry)
    for model in admin.site._registry:
        opts = model._meta
        for view in ("add", "change", "delete", "changelist"):
            assert f"admin:{opts.app_label}_{opts.model_name}_{view}" in refused
    assert {"admin:login", "admin:logout", "admin:news_newsitem_import"} <= set(refused)
    assert "home" in refused


def test_admin_login_without_a_token_is_refused_to_anonymous(superuser):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("admin:login"), {"username": "root", "password": "pw-root"})
    assert response.status_code == 403
    assert CSRF_REFUSAL in response.content
    assert "_auth_user_id" not in client.session


def test_admin_login_with_a_token_is_let_through(superuser):
    client = Client(enforce_csrf_checks=True)
    client.get(reverse("admin:login"))
    token = client.cookies["csrftoken"].value
    response = client.post(
        reverse("admin:login"),
        {"username": "root", "password": "pw-root", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(superuser.pk)


def csrf_token(client):
    """Return the client's CSRF token, having a page set the cookie if needed."""
    if "csrftoken" not in client.cookies:
        client.get(reverse("admin:index"))
    return client.cookies["csrftoken"].value


@pytest.mark.parametrize("action", ["publish", "unpublish", "delete_selected"])
def test_admin_actions_need_a_token(strict_client, objects, action):
    item = objects["item"]
    address = reverse("admin:news_newsitem_changelist")
    data = {"action": action, "_selected_action": [item.pk], "post": "yes"}
    before = NewsItem.objects.get(pk=item.pk).version

    response = strict_client.post(address, data)
    assert response.status_code == 403
    assert NewsItem.objects.filter(pk=item.pk).exists()
    assert NewsItem.objects.get(pk=item.pk).version == before

    # The same request with the token gets through: the 403 was the missing token.
    response = strict_client.post(
        address, data | {"csrfmiddlewaretoken": csrf_token(strict_client)}
    )
    assert response.status_code in (200, 302)


def test_admin_add_without_a_token_saves_nothing(strict_client, council):
    data = {
        "name": "Military Committee",
        "slug": "military-committee",
        "kind": Body.Kind.STATUTORY,
        "aliases": "",
        "change_reason": "",
        # The seat exceptions inline's empty management form, as the page sends it.
        "seat_exceptions-TOTAL_FORMS": "0",
        "seat_exceptions-INITIAL_FORMS": "0",
    }
    response = strict_client.post(reverse("admin:people_body_add"), data)
    assert response.status_code == 403
    assert not Body.objects.filter(slug="military-committee").exists()

    data["csrfmiddlewaretoken"] = csrf_token(strict_client)
    response = strict_client.post(reverse("admin:people_body_add"), data)
    assert response.status_code == 302
    assert Body.objects.filter(slug="military-committee").exists()


def test_admin_import_without_a_token_is_refused(strict_client):
    response = strict_client.post(
        reverse("admin:news_newsitem_import"),
        {"text": "Moscow, 6 June 2024. The ministers met.", "url": "", "source_name": ""},
    )
    assert response.status_code == 403
    assert NewsItem.objects.count() == 0


def test_logout_without_a_token_keeps_the_session(strict_client):
    response = strict_client.post(reverse("admin:logout"))
    assert response.status_code == 403
    assert strict_client.get(reverse("admin:index")).status_code == 200


def test_language_switch_is_a_link_not_a_post(client, db):
    """The switcher changes the address (/ru/...), so there is no set_language POST to guard."""
    names = {route[0] for route in named_routes()}
    assert "set_language" not in names
    response = client.get("/news/")
    assert 'href="/ru/news/"' in response.content.decode()


def test_statement_change_without_a_token_changes_nothing(strict_client, objects):
    statement = objects["statement"]
    response = strict_client.post(
        reverse("admin:news_statement_change", args=[statement.pk]),
        {
            "speaker": statement.speaker_id,
            "said_on": datetime.date(2020, 1, 1).isoformat(),
            "language": "en",
            "status": "published",
            "text": "Changed",
            "change_reason": "x",
            "change_kind": "minor",
        },
    )
    assert response.status_code == 403
    statement.refresh_from_db()
    assert statement.text != "Changed"
