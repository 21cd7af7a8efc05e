"""The OpenAPI schema describes every endpoint; its documentation page needs no inline code."""

from html.parser import HTMLParser

import pytest
from django.core.management import call_command

from tests.test_headers import parse_policy

pytestmark = pytest.mark.django_db

OPERATIONS = [
    "/api/news/",
    "/api/news/{id}/",
    "/api/statements/",
    "/api/statements/{id}/",
    "/api/officials/",
    "/api/officials/{id}/",
    "/api/bodies/",
    "/api/bodies/{id}/",
    "/api/states/",
    "/api/states/{id}/",
    "/api/positions/",
    "/api/positions/{id}/",
    "/api/meetings/",
    "/api/meetings/{id}/",
    "/api/documents/",
    "/api/documents/{id}/",
    "/api/popolo.json",
]


def test_schema_generates_without_warnings(tmp_path):
    # --fail-on-warn: an endpoint or filter the generator cannot type fails the suite.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", tmp_path / "s.yaml")


def test_schema_lists_every_endpoint_and_the_pages_filters(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert sorted(schema["paths"]) == sorted(OPERATIONS)
    news = {p["name"]: p for p in schema["paths"]["/api/news/"]["get"]["parameters"]}
    assert set(news) == {"body", "year", "official", "state", "language", "kind", "q"} | {
        "page",
        "page_size",
    }
    assert news["body"]["schema"] == {"type": "array", "items": {"type": "string"}}
    assert news["year"]["schema"] == {"type": "integer", "minimum": 1992, "maximum": 2100}
    assert news["language"]["schema"]["enum"] == ["en", "ru"]
    assert "press_release" in news["kind"]["schema"]["enum"]
    statements = schema["paths"]["/api/statements/"]["get"]["parameters"]
    assert {p["name"] for p in statements} >= {"speaker", "body", "year", "language", "q"}
    meetings = {p["name"]: p for p in schema["paths"]["/api/meetings/"]["get"]["parameters"]}
    assert set(meetings) == {"body", "year", "place", "state", "page", "page_size"}
    assert meetings["body"]["schema"] == {"type": "string"}
    documents = {p["name"] for p in schema["paths"]["/api/documents/"]["get"]["parameters"]}
    assert documents == {"kind", "year", "body", "status", "page", "page_size"}
    responses = schema["paths"]["/api/news/"]["get"]["responses"]
    assert set(responses) == {"200", "400", "404"}


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts, self.inline = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self.scripts.append(attrs.get("src"))
        if tag == "style" or "style" in attrs or any(a.startswith("on") for a in attrs):
            self.inline.append((tag, attrs))

    def handle_data(self, data):
        if self.lasttag == "script" and data.strip():
            self.inline.append(("script", data[:40]))


def test_docs_page_loads_only_files_of_our_own(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    tags = Tags()
    tags.feed(response.content.decode())
    assert tags.inline == []
    assert len(tags.scripts) == 3 and all(tags.scripts)
    for src in tags.scripts:
        assert src.startswith("/"), "no other origin"
        script = client.get(src)
        assert script.status_code == 200, src
        assert "javascript" in script["Content-Type"]
    start_up = client.get(tags.scripts[-1]).content.decode()
    assert "/api/schema/" in start_up


def test_docs_page_allows_data_images_only_beyond_the_site_policy(client):
    for _ in range(2):  # the second answer comes from the page cache
        policy = parse_policy(client.get("/api/docs/")["Content-Security-Policy"])
        assert policy["img-src"] == ["'self'", "data:"]
        assert policy["script-src"] == ["'self'"]
    assert "data:" not in client.get("/api/news/")["Content-Security-Policy"]
