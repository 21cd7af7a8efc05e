"""Parameters no page reads change nothing: not the page, not its cache key, not its links."""

import secrets

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver

from core.parameters import declared_parameters


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response, len(captured.captured_queries)


@pytest.mark.parametrize(
    "page", ["/news/?q=summit", "/ru/news/?q=summit&body=collective-security-council"]
)
def test_a_hundred_junk_parameters_cost_one_computation(client, make_item, council, page):
    make_item(title="Summit in Astana", bodies=[council])
    first, cold = queries(client, page)
    assert first.status_code == 200
    for _ in range(100):
        response, warm = queries(client, f"{page}&zz={secrets.token_hex(8)}")
        assert warm == 1  # the archive version, then the page from the cache
        assert response.content == first.content
    assert cold > 1


def test_a_page_asked_with_junk_first_links_to_nothing_junk(client, make_item, council):
    make_item(title="Summit in Astana", bodies=[council])
    response = client.get("/news/?q=summit&zz=secret-junk&page=1&year=")
    assert b"secret-junk" not in response.content
    assert b"zz=" not in response.content
    # The same page, cached under the address without the junk.
    _again, warm = queries(client, "/news/?q=summit")
    assert warm == 1


def test_the_api_list_ignores_junk_and_its_links_carry_none(client, make_item):
    for n in range(25):
        make_item(title=f"Report {n}", slug=f"report-{n}")
    cache.clear()
    first = client.get("/api/news/?zz=junk")
    assert "zz" not in first.json()["next"]
    _second, warm = queries(client, "/api/news/")
    assert warm == 1


def public_patterns(resolver=None, prefix=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            if str(entry.pattern).startswith("admin/"):
                continue
            yield from public_patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.callback


# Pages whose query the page cache keeps whole: the API's own schema and documentation,
# which drf-spectacular reads as it likes, and the health check, which is never cached.
KEEP_WHOLE_QUERY = {"api/schema/", "api/docs/", "healthz"}


def test_every_public_page_says_which_parameters_it_reads():
    undeclared = sorted(
        path
        for path, view in public_patterns()
        if declared_parameters(view) is None and path not in KEEP_WHOLE_QUERY
    )
    assert undeclared == []
