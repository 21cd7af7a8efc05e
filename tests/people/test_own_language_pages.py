"""The own-language switch on the news lists of body, official, state and meeting pages:
`?language=` keeps one language's items, the reader's choice redirects there, a bad value
is a 400, and the page costs the same number of queries either way."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.reading import COOKIE
from people.models import Meeting

ENGLISH = "Ministers met in Minsk"
RUSSIAN = "Министры встретились в Минске"


@pytest.fixture
def pages(make_item, council, official, kazakhstan):
    """The four pages, each listing one English and one Russian item, with their paths."""
    meeting = Meeting.objects.create(
        body=council, slug="csc-2024-11-28", date=datetime.date(2024, 11, 28)
    )

    def link(**fields):
        item = make_item(bodies=[council], meeting=meeting, **fields)
        item.officials.add(official)
        item.states.add(kazakhstan)
        return item

    def more(n):
        """Add n items of each language, to show the queries do not grow with them."""
        for i in range(n):
            link(title=f"{ENGLISH} again {i}", slug=f"en-{i}", language="en")
            link(title=f"{RUSSIAN} снова {i}", slug=f"ru-{i}", language="ru")

    link(title=ENGLISH, slug="en", language="en")
    link(title=RUSSIAN, slug="ru", language="ru")
    paths = [
        council.get_absolute_url(),
        official.get_absolute_url(),
        kazakhstan.get_absolute_url(),
        meeting.get_absolute_url(),
    ]
    return [path.removeprefix("/ru") for path in paths], more


def switch_of(html):
    form = re.search(r'<form class="own-language".*?</form>', html, re.S).group(0)
    return dict(re.findall(r'name="(only|next)" value="([^"]*)"', form))


def test_each_page_lists_only_the_chosen_language(client, pages):
    paths, _more = pages
    for path in paths:
        both = client.get(f"/ru{path}").content.decode()
        assert ENGLISH in both and RUSSIAN in both, path
        assert switch_of(both) == {"only": "1", "next": f"/ru{path}?language=ru"}, path
        russian = client.get(f"/ru{path}?language=ru").content.decode()
        assert RUSSIAN in russian and ENGLISH not in russian, path
        assert switch_of(russian) == {"only": "0", "next": f"/ru{path}"}, path
        english = client.get(f"{path}?language=en").content.decode()
        assert ENGLISH in english and RUSSIAN not in english, path


def test_the_reader_s_choice_sends_each_page_to_its_language(client, pages):
    paths, _more = pages
    for path in paths:
        response = client.get(
            "/ru/reading-language/", {"only": "1", "next": f"/ru{path}?language=ru"}
        )
        assert response.status_code == 302 and response["Location"] == f"/ru{path}?language=ru"
        assert client.cookies[COOKIE].value == "1"
        opened = client.get(f"/ru{path}")
        assert opened.status_code == 302 and opened["Location"] == f"/ru{path}?language=ru", path
        assert "no-store" in opened["Cache-Control"]
        client.get("/ru/reading-language/", {"only": "0", "next": f"/ru{path}"})
        assert client.get(f"/ru{path}").status_code == 200, path


@pytest.mark.parametrize("value", ["xx", "english", "<script>"])
def test_a_bad_language_is_a_400(client, pages, value):
    paths, _more = pages
    for path in paths:
        assert client.get(path, {"language": value}).status_code == 400, path


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_switch_costs_no_query_and_the_count_does_not_grow(client, pages, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    paths, more = pages
    before = {path: queries(client, f"/ru{path}?language=ru") for path in paths}
    plain = {path: queries(client, f"/ru{path}") for path in paths}
    more(5)
    after = {path: queries(client, f"/ru{path}?language=ru") for path in paths}
    assert after == before
    assert before == plain
