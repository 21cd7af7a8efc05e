"""Random query strings and address fragments on every public route never give a 5xx.

Every route outside the admin is found in the URL configuration, in English and Russian,
and each of its variable parts is replaced by random fragments: real values, huge or
negative numbers, long strings, Unicode, NUL and text that no converter accepts. Query
strings mix the real filter names with random keys, repeat keys and carry the same kinds
of values. The module counts the requests it sends and checks the total at its end.
"""

import datetime
from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter, SlugConverter
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.history import ChangeKind, revision
from news.models import Status

MIN_REQUESTS = 5000
FUZZ = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,  # every run draws afresh; a failure prints its falsifying example
)
# Examples per test; each example sends one request.
QUERY_EXAMPLES = 2200
PATH_EXAMPLES = 2200
MIXED_EXAMPLES = 600
DOCUMENT_EXAMPLES = 40
# Built afresh on every request and costly: fuzzed in a test of their own, with fewer examples.
DOCUMENTS = {"api:schema", "api:docs"}

FILTER_KEYS = [
    "body",
    "year",
    "official",
    "state",
    "language",
    "kind",
    "q",
    "page",
    "speaker",
    "post",
    "from",
    "to",
    "p",
    "o",
]
REAL_VALUES = [
    "collective-security-council",
    "council-of-foreign-ministers",
    "secretariat",
    "aidar-testbekov",
    "kazakhstan",
    "en",
    "ru",
    "news",
    "statement",
    "secretary_general",
    "2023",
    "2024",
    "1",
    "2",
    "last",
    "0",
    "-1",
]
SLUGS = [
    "collective-security-council",
    "secretariat",
    "aidar-testbekov",
    "kazakhstan",
    "ministers-met-1",
    "draft-item",
]
sent = {"requests": 0, "tests": set()}


def public_routes():
    """Return (name, {parameter: converter}) for every named route outside the admin.

    A parameter of a regular-expression route (the JSON API's) has the converter None.
    """
    routes = []

    def walk(patterns, namespace, params):
        for entry in patterns:
            found = {**params, **dict.fromkeys(entry.pattern.regex.groupindex)}
            found |= entry.pattern.converters
            if isinstance(entry, URLResolver):
                if entry.app_name == "admin":
                    continue
                walk(entry.url_patterns, entry.namespace or namespace, found)
            elif isinstance(entry, URLPattern) and entry.name:
                name = f"{namespace}:{entry.name}" if namespace else entry.name
                routes.append((name, found))

    walk(get_resolver().url_patterns, None, {})
    return routes


ROUTES = public_routes()
PREFIXES = ["en", "ru"]


def sentinel(converter, index):
    return 97531000 + index if isinstance(converter, IntConverter) else f"zzsentinel{index}z"


def template(name, converters, language):
    """Return the route's address in a language with a sentinel in each variable part."""
    kwargs = {key: sentinel(conv, i) for i, (key, conv) in enumerate(sorted(converters.items()))}
    with translation.override(language):
        return reverse(name, kwargs=kwargs), kwargs


odd_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=0, max_size=40
)
long_text = st.builds(
    lambda piece, n: piece * n,
    st.sampled_from(["a", "я", "1", "%", " ", "\x00", "<>"]),
    st.integers(300, 6000),
)
numbers = st.one_of(
    st.integers(-(10**30), 10**30), st.integers(-5, 3000), st.sampled_from([2**63, -(2**63) - 1])
).map(str)
values = st.one_of(
    st.sampled_from(REAL_VALUES), numbers, odd_text, long_text, st.just(""), st.just("\x00")
)
keys = st.one_of(st.sampled_from(FILTER_KEYS), odd_text)
pairs = st.lists(st.tuples(keys, values), max_size=8)


@st.composite
def query_strings(draw):
    """Return a query string: encoded pairs (keys may repeat), or raw, broken characters."""
    if draw(st.integers(0, 9)) == 0:
        raw = draw(st.text(alphabet="%&=;+?#a1zZ/\\\x00é", max_size=30))
        return quote(raw, safe="%&=;+?/")
    return urlencode(draw(pairs))


fragment_for = {
    # A regular-expression group: keys, slugs or anything.
    type(None): st.one_of(
        st.integers(0, 10).map(str), numbers, st.sampled_from(SLUGS), odd_text, long_text
    ),
    IntConverter: st.one_of(
        st.sampled_from(["2024", "6", "06", "0", "00", "1"]),
        st.integers(0, 10**40).map(str),
        st.integers(0, 99999).map(str),
        odd_text,
    ),
    SlugConverter: st.one_of(
        st.sampled_from(SLUGS),
        st.from_regex(r"[-a-zA-Z0-9_]{1,300}", fullmatch=True),
        odd_text,
        long_text,
    ),
}


@st.composite
def addresses(draw, with_fragments):
    """Return (route name, address) of a random route, its parts replaced at random."""
    pool = [
        (name, converters)
        for name, converters in ROUTES
        if name not in DOCUMENTS and with_fragments in (None, bool(converters))
    ]
    name, converters = draw(st.sampled_from(pool))
    path, kwargs = template(name, converters, draw(st.sampled_from(PREFIXES)))
    for key, value in kwargs.items():
        strategy = fragment_for.get(type(converters[key]), odd_text)
        fragment = draw(strategy)
        path = path.replace(str(value), quote(fragment, safe=""), 1)
    return name, path


@pytest.fixture
def archive(db, make_item, make_statement, council, ministers, secretariat, official, kazakhstan):
    """A small archive: published items, a draft, statements, a correction, people."""
    first = make_item(bodies=[council, ministers])
    first.officials.add(official)
    first.states.add(kazakhstan)
    make_item(language="ru", title="Заседание СМИД", published_on=datetime.date(2023, 5, 1))
    make_item(slug="draft-item", status=Status.DRAFT, bodies=[council])
    with revision(first, reason="Fixed the date", kind=ChangeKind.SUBSTANTIVE):
        first.text = "The ministers discussed the borders and the exercises."
        first.save()
    statement = make_statement(news_item=first, body=ministers)
    with revision(statement, reason="Wording", kind=ChangeKind.MINOR):
        statement.text = "He said the members agreed on a joint plan."
        statement.save()
    make_statement(status=Status.DRAFT)


@pytest.fixture
def clients(archive, django_user_model):
    """Anonymous reader and logged-in staff (who also see drafts)."""
    staff = django_user_model.objects.create_user("staff", is_staff=True, is_superuser=True)
    staff_client = Client()
    staff_client.force_login(staff)
    return {"anonymous": Client(), "staff": staff_client}


@pytest.fixture(scope="module", autouse=True)
def request_total(request):
    """Check, once every fuzz test of the module has run, that enough requests were sent."""
    yield
    fuzz_tests = {
        name
        for name, test in vars(request.module).items()
        if name.startswith("test_") and hasattr(test, "hypothesis")
    }
    # pytest-django runs tests without a database last, so this module may end twice.
    if fuzz_tests <= sent["tests"] and not sent.get("checked"):
        sent["checked"] = True
        plugins = request.config.pluginmanager
        reporter = plugins.get_plugin("terminalreporter")
        if reporter is not None:
            with plugins.get_plugin("capturemanager").global_and_fixture_disabled():
                reporter.write_line(f"\nfuzz: {sent['requests']} requests sent")
        assert sent["requests"] >= MIN_REQUESTS


def send(client, address):
    sent["requests"] += 1
    response = client.get(address)
    assert response.status_code < 500, address
    return response


@pytest.fixture(autouse=True)
def done(request):
    """Note each test of the module that has run to its end."""
    yield
    sent["tests"].add(request.node.name)


def test_every_public_route_is_fuzzed():
    names = {name for name, _converters in ROUTES}
    assert {"home", "news:detail", "news:statement_history", "people:body_detail"} <= names
    assert {"sitemap", "robots", "healthz", "news:official_feed", "people:state_list"} <= names
    assert not any(name.startswith("admin:") for name in names)


def pick_client(clients, data):
    return clients[data.draw(st.sampled_from(["anonymous", "anonymous", "staff"]))]


@settings(FUZZ, max_examples=QUERY_EXAMPLES)
@given(data=st.data())
def test_random_queries_on_pages_without_parameters(clients, data):
    _name, path = data.draw(addresses(with_fragments=False))
    send(pick_client(clients, data), f"{path}?{data.draw(query_strings())}")


@settings(FUZZ, max_examples=PATH_EXAMPLES)
@given(data=st.data())
def test_random_fragments_in_addresses(clients, data):
    _name, path = data.draw(addresses(with_fragments=True))
    query = data.draw(st.one_of(st.just(""), query_strings()))
    send(pick_client(clients, data), f"{path}?{query}" if query else path)


@settings(FUZZ, max_examples=MIXED_EXAMPLES)
@given(data=st.data())
def test_random_addresses_and_queries(clients, data):
    _name, path = data.draw(addresses(with_fragments=None))
    send(clients["anonymous"], f"{path}?{data.draw(query_strings())}")


@pytest.mark.parametrize(
    "path",
    [
        "/news/2147483648/6/6/ministers-met-1/",
        "/news/2024/99999999999999999999/6/ministers-met-1/history/",
        "/ru/news/2024/6/9223372036854775808/ministers-met-1/",
    ],
)
def test_numbers_too_large_for_a_date_are_404(client, archive, path):
    assert client.get(path).status_code == 404


@settings(FUZZ, max_examples=DOCUMENT_EXAMPLES)
@given(data=st.data())
def test_random_queries_on_api_documents(clients, data):
    name = data.draw(st.sampled_from(sorted(DOCUMENTS & {name for name, _c in ROUTES})))
    with translation.override(data.draw(st.sampled_from(PREFIXES))):
        path = reverse(name)
    send(pick_client(clients, data), f"{path}?{data.draw(query_strings())}")


@pytest.mark.parametrize("address", ["/feeds/news/?q=a%01b", "/ru/feeds/news/?q=a%0Bb"])
def test_control_characters_in_a_feed_search_are_refused(client, archive, address):
    assert client.get(address).status_code == 400


def test_a_search_of_control_characters_alone_is_blank(client, archive):
    """The form strips \\x1c-\\x1f as white space: the feed is then of all news."""
    response = client.get("/feeds/news/?q=%1F")
    assert response.status_code == 200
    assert b"<title>CSTO archive: latest news</title>" in response.content


def test_control_characters_in_a_list_search_show_the_error(client, archive):
    response = client.get("/news/?q=a%01b")
    assert response.status_code == 200
    assert "q" in response.context["filter_errors"]
    assert not response.context["object_list"]


@pytest.mark.parametrize("field", ["title", "lead"])
def test_control_characters_in_a_text_do_not_break_the_feeds(client, make_item, field):
    make_item(**{field: "Ministers\x0bmet\x0c in Almaty"})
    response = client.get("/feeds/news/")
    assert response.status_code == 200
    assert b"Ministers met  in Almaty" in response.content
