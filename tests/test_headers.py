"""Security headers on every kind of response: pages, feeds, sitemap, health check, admin."""

import secrets

import pytest

from tests.test_security_settings import run_under_prod


def parse_policy(header):
    """Return a Content-Security-Policy header as {directive: [sources]}."""
    policy = {}
    for part in header.split(";"):
        name, *sources = part.split()
        policy[name] = sources
    return policy


def assert_security_headers(response):
    policy = parse_policy(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert not any("'unsafe-inline'" in sources for sources in policy.values())
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.fixture
def archive(make_item, make_statement, council, official, kazakhstan):
    item = make_item(bodies=[council])
    item.officials.set([official])
    statement = make_statement(news_item=item)
    return item, statement


def public_urls(archive, council, official, kazakhstan):
    item, statement = archive
    return [
        "/",
        "/news/",
        "/news/2024/",
        "/news/?year=abc",
        item.get_absolute_url(),
        item.get_absolute_url() + "history/",
        "/statements/",
        statement.get_absolute_url(),
        "/corrections/",
        "/officials/",
        official.get_absolute_url(),
        "/bodies/",
        council.get_absolute_url(),
        "/states/",
        kazakhstan.get_absolute_url(),
        "/ru/",
        "/ru/news/",
        "/feeds/news/",
        "/corrections/feed/",
        f"/bodies/{council.slug}/feed/",
        "/sitemap.xml",
        "/robots.txt",
        "/healthz",
    ]


def test_public_responses_carry_the_headers(client, archive, council, official, kazakhstan):
    for url in public_urls(archive, council, official, kazakhstan):
        # The second request is answered from the page cache: it must carry them too.
        for attempt in ("fresh", "cached"):
            response = client.get(url)
            assert response.status_code == 200, (url, attempt)
            assert_security_headers(response)


def test_not_found_and_static_files_carry_the_headers(client, db):
    response = client.get("/news/2024/1/1/no-such-item/")
    assert response.status_code == 404
    assert_security_headers(response)
    static = client.get("/static/css/site.css")
    assert static.status_code == 200
    assert_security_headers(static)


def test_admin_pages_carry_the_headers(client, publisher, make_item):
    item = make_item()
    login = client.get("/admin/login/")
    assert login.status_code == 200
    assert_security_headers(login)
    client.force_login(publisher)
    for url in (
        "/admin/",
        "/admin/news/newsitem/",
        f"/admin/news/newsitem/{item.pk}/change/",
        "/admin/news/newsitem/import/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_security_headers(response)


PROD_REQUEST = """
import django
django.setup()
from django.test import Client
secure = Client().get("/healthz", secure=True)
plain = Client().get("/healthz")
for name in ("Strict-Transport-Security", "Content-Security-Policy", "X-Frame-Options"):
    print(f"{name}: {secure.get(name, '-')}")
print(f"plain: {plain.status_code} {plain.get('Location', '-')}")
"""


def test_production_sends_hsts_and_redirects_to_https(tmp_path):
    done = run_under_prod(
        ["-c", PROD_REQUEST],
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="testserver",
        DATABASE_URL=f"sqlite:///{tmp_path / 'prod.sqlite3'}",
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "Strict-Transport-Security: max-age=31536000; includeSubDomains; preload" in lines
    assert "X-Frame-Options: DENY" in lines
    policy = next(line for line in lines if line.startswith("Content-Security-Policy: "))
    assert parse_policy(policy.split(": ", 1)[1])["default-src"] == ["'self'"]
    assert "plain: 301 https://testserver/healthz" in lines
