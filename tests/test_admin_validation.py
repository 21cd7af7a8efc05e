"""The admin refuses bad dates, bad addresses, oversized texts and bad slugs with form errors.

Each model's add form is first posted with valid data (it must save: the baseline is
right), then with one bad value at a time: the page comes back (200) with an error on
that field and nothing is saved.
"""

import pytest
from django.urls import reverse

from core.validators import (
    ALIASES_LIMIT,
    DESCRIPTION_LIMIT,
    LEAD_LIMIT,
    NEWS_TEXT_LIMIT,
    STATEMENT_TEXT_LIMIT,
)
from news.models import NewsItem, Statement
from people.models import Body, MembershipEvent, MemberState, Official, Position

BAD_DATES = ["2024-13-45", "yesterday", "2023-02-29", "99999-01-01"]
# A stored address becomes a link on public pages: only web pages, never script.
BAD_URLS = [
    "javascript:alert(1)",
    "JavaScript:alert(1)//https://example.org",
    "not a url",
    "ftp://example.org/statement.txt",
    "data:text/html,<script>alert(1)</script>",
    "https://",
    "https://example.org/" + "a" * 500,
]
BAD_SLUGS = ["has space", "a/b", "новость", "x" * 201, "<script>"]


def too_long(limit):
    return "x" * (limit + 1)


@pytest.fixture
def admin_post(admin_client):
    """Return a function posting to an admin page and returning the response."""

    def post(url, data):
        response = admin_client.post(url, data)
        assert response.status_code in (200, 302), response.status_code
        return response

    return post


def field_errors(response):
    """Return {field: errors} of the main form and of every inline form of an admin page."""
    assert response.status_code == 200
    errors = dict(response.context["adminform"].form.errors)
    for inline in response.context.get("inline_admin_formsets", []):
        for form_errors in inline.formset.errors:
            errors.update(form_errors)
    return errors


def management(prefix, forms=1):
    return {
        f"{prefix}-TOTAL_FORMS": str(forms),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


@pytest.fixture
def news_data(council):
    return {
        "title": "Ministers met in Almaty",
        "slug": "ministers-met-in-almaty",
        "published_on": "2024-06-06",
        "language": "en",
        "kind": "news",
        "status": "draft",
        "lead": "The ministers met.",
        "text": "The ministers met and talked.",
        "place": "Almaty",
        "bodies": [council.pk],
        "source_name": "CSTO Secretariat",
        "source_url": "https://odkb-csto.org/news/1",
        "retrieved_on": "2024-06-07",
        "archived_url": "https://web.archive.org/web/2024/https://odkb-csto.org/news/1",
        "change_reason": "",
        "change_kind": "",
    }


@pytest.fixture
def statement_data(official, council):
    return {
        "speaker": official.pk,
        "said_on": "2024-06-06",
        "language": "en",
        "status": "draft",
        "text": "We agreed on a joint plan.",
        "place": "Almaty",
        "body": council.pk,
        "source_url": "https://odkb-csto.org/statements/1",
        "retrieved_on": "2024-06-07",
        "archived_url": "",
        "change_reason": "",
        "change_kind": "",
    }


@pytest.fixture
def official_data(kazakhstan, secretariat):
    return {
        "name": "Boris Testov",
        "name_ru": "Борис Тестов",
        "slug": "boris-testov",
        "country": kazakhstan.pk,
        "country_other": "",
        "summary": "Deputy Secretary General.",
        "aliases": "B. Testov",
        "change_reason": "",
        **management("positions"),
        "positions-0-title": Position.Title.DEPUTY_SECRETARY_GENERAL,
        "positions-0-body": secretariat.pk,
        "positions-0-state": "",
        "positions-0-start": "2022-01-01",
        "positions-0-end": "",
        "positions-0-note": "",
        "positions-0-source_url": "https://odkb-csto.org/secretariat/",
    }


@pytest.fixture
def body_data():
    return {
        "name": "Military Committee",
        "name_ru": "Военный комитет",
        "abbreviation": "MC",
        "slug": "military-committee",
        "kind": Body.Kind.PERMANENT,
        "parent": "",
        "description": "Plans the joint forces.",
        "source_url": "https://odkb-csto.org/structure/",
        "aliases": "",
        "change_reason": "",
        **management("seat_exceptions", forms=0),
    }


@pytest.fixture
def state_data():
    return {
        "name": "Armenia",
        "name_ru": "Армения",
        "slug": "armenia",
        "iso_code": "AM",
        "aliases": "",
        "change_reason": "",
        **management("events"),
        "events-0-kind": MembershipEvent.Kind.JOINED,
        "events-0-date": "1992-05-15",
        "events-0-precision": MembershipEvent.Precision.DAY,
        "events-0-description": "",
        "events-0-source_url": "https://odkb-csto.org/",
    }


@pytest.fixture
def position_data(official, secretariat):
    return {
        "official": official.pk,
        "title": Position.Title.PRESS_SECRETARY,
        "body": secretariat.pk,
        "state": "",
        "start": "2021-01-01",
        "end": "2021-12-31",
        "note": "",
        "source_url": "https://odkb-csto.org/",
        "change_reason": "",
    }


def bad_values(*pairs):
    """Return pytest params (field, value, field that must show the error)."""
    return [pytest.param(*pair, id=f"{pair[0]}={str(pair[1])[:20]}") for pair in pairs]


CASES = {
    "news": (
        NewsItem,
        "news_newsitem",
        "news_data",
        [
            *[("published_on", date) for date in BAD_DATES],
            *[("retrieved_on", date) for date in BAD_DATES],
            *[("source_url", url) for url in BAD_URLS],
            *[("archived_url", url) for url in BAD_URLS],
            *[("slug", slug) for slug in BAD_SLUGS],
            ("title", too_long(300)),
            ("place", too_long(100)),
            ("source_name", too_long(200)),
            ("lead", too_long(LEAD_LIMIT)),
            ("text", too_long(NEWS_TEXT_LIMIT)),
            ("language", "xx"),
        ],
    ),
    "statement": (
        Statement,
        "news_statement",
        "statement_data",
        [
            *[("said_on", date) for date in BAD_DATES],
            *[("source_url", url) for url in BAD_URLS],
            ("archived_url", "javascript:alert(1)"),
            ("text", too_long(STATEMENT_TEXT_LIMIT)),
            ("place", too_long(100)),
            ("speaker", "999999"),
        ],
    ),
    "official": (
        Official,
        "people_official",
        "official_data",
        [
            *[("slug", slug) for slug in BAD_SLUGS],
            ("name", too_long(200)),
            ("name_ru", too_long(200)),
            ("summary", too_long(300)),
            ("aliases", too_long(ALIASES_LIMIT)),
            *[("positions-0-start", date) for date in BAD_DATES],
            *[("positions-0-end", date) for date in BAD_DATES],
            ("positions-0-end", "2021-12-31"),  # before the start
            *[("positions-0-source_url", url) for url in BAD_URLS],
            ("positions-0-note", too_long(300)),
        ],
    ),
    "body": (
        Body,
        "people_body",
        "body_data",
        [
            *[("slug", slug) for slug in BAD_SLUGS],
            ("name", too_long(200)),
            ("abbreviation", too_long(20)),
            ("description", too_long(DESCRIPTION_LIMIT)),
            ("aliases", too_long(ALIASES_LIMIT)),
            *[("source_url", url) for url in BAD_URLS],
        ],
    ),
    "state": (
        MemberState,
        "people_memberstate",
        "state_data",
        [
            *[("slug", slug) for slug in BAD_SLUGS],
            ("name", too_long(100)),
            ("iso_code", "am"),
            ("iso_code", "ARM"),
            ("aliases", too_long(ALIASES_LIMIT)),
            *[("events-0-date", date) for date in BAD_DATES],
            *[("events-0-source_url", url) for url in BAD_URLS],
            ("events-0-description", too_long(DESCRIPTION_LIMIT)),
        ],
    ),
    "position": (
        Position,
        "people_position",
        "position_data",
        [
            *[("start", date) for date in BAD_DATES],
            *[("end", date) for date in BAD_DATES],
            ("end", "2020-12-31"),  # before the start
            ("note", too_long(300)),
            *[("source_url", url) for url in BAD_URLS],
        ],
    ),
}


def error_field(field):
    """Return the name under which a form shows the error of a posted field."""
    return field.split("-")[-1]


@pytest.mark.parametrize("case", CASES)
def test_valid_data_saves(request, admin_post, case):
    model, url_name, data_fixture, _bad = CASES[case]
    data = request.getfixturevalue(data_fixture)
    before = model.objects.count()
    response = admin_post(reverse(f"admin:{url_name}_add"), data)
    assert response.status_code == 302, field_errors(response)
    assert model.objects.count() == before + 1


@pytest.mark.parametrize(
    ("case", "field", "value"),
    [
        pytest.param(case, field, value, id=f"{case}-{field}={value[:24]}")
        for case, (_m, _u, _d, bad) in CASES.items()
        for field, value in bad
    ],
)
def test_add_form_refuses_bad_value(request, admin_post, case, field, value):
    model, url_name, data_fixture, _bad = CASES[case]
    data = request.getfixturevalue(data_fixture)
    before = model.objects.count()
    positions = Position.objects.count()
    response = admin_post(reverse(f"admin:{url_name}_add"), data | {field: value})
    errors = field_errors(response)
    name = error_field(field)
    # An end before the start is the pair's error: the model names no single field.
    assert name in errors or ("end" in name and "__all__" in errors), errors
    assert model.objects.count() == before
    assert Position.objects.count() == positions


@pytest.fixture
def saved_item(make_item):
    return make_item(source_url="https://odkb-csto.org/news/1")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("published_on", "2024-13-45"),
        ("source_url", "javascript:alert(1)"),
        ("archived_url", "ftp://example.org/copy"),
        ("slug", "no spaces allowed"),
        ("text", too_long(NEWS_TEXT_LIMIT)),
    ],
)
def test_change_form_refuses_bad_value_and_keeps_the_item(
    admin_post, news_data, saved_item, field, value
):
    data = news_data | {
        "title": saved_item.title,
        "slug": saved_item.slug,
        "status": saved_item.status,
        "change_reason": "Fix",
        "change_kind": "minor",
        "seen_version": saved_item.version,
        field: value,
    }
    response = admin_post(reverse("admin:news_newsitem_change", args=[saved_item.pk]), data)
    assert field in field_errors(response)
    fresh = NewsItem.objects.get(pk=saved_item.pk)
    assert (fresh.version, fresh.text, fresh.source_url) == (
        saved_item.version,
        saved_item.text,
        saved_item.source_url,
    )


def test_change_form_of_a_body_refuses_a_script_address(admin_post, body_data, council):
    data = body_data | {"name": council.name, "slug": council.slug, "change_reason": "Link"}
    response = admin_post(
        reverse("admin:people_body_change", args=[council.pk]),
        data | {"source_url": "javascript:alert(document.cookie)"},
    )
    assert "source_url" in field_errors(response)
    council.refresh_from_db()
    assert council.source_url == ""


@pytest.mark.parametrize(
    "url",
    ["https://odkb-csto.org/news/1", "http://example.org/a?b=c#d", "odkb-csto.org/news/2"],
)
def test_web_addresses_are_accepted(admin_post, body_data, url):
    response = admin_post(reverse("admin:people_body_add"), body_data | {"source_url": url})
    assert response.status_code == 302
    assert Body.objects.get(slug="military-committee").source_url.startswith("http")


def test_full_clean_refuses_a_script_address_outside_the_admin(council):
    """The limits sit on the model fields: every path that validates gets them."""
    from django.core.exceptions import ValidationError

    council.source_url = "javascript:alert(1)"
    council.description = too_long(DESCRIPTION_LIMIT)
    with pytest.raises(ValidationError) as error:
        council.full_clean()
    assert {"source_url", "description"} <= set(error.value.message_dict)


ARTICLE = "Almaty, 6 June 2024. The Council of Foreign Ministers of the CSTO met in Almaty."


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.org/article.txt"])
def test_admin_import_refuses_a_non_web_address(admin_client, url):
    address = reverse("admin:news_newsitem_import")
    response = admin_client.post(address, {"text": ARTICLE, "url": url, "source_name": ""})
    assert response.status_code == 200
    assert "url" in response.context["paste"].errors
    # The confirmation step, posted by hand with the same address, is refused the same way.
    response = admin_client.post(
        address,
        {
            "text": ARTICLE,
            "url": url,
            "source_name": "",
            "save": "1",
            "title": "Ministers met",
            "published_on": "2024-06-06",
            "language": "en",
        },
    )
    assert response.status_code == 200
    assert NewsItem.objects.count() == 0


def test_import_command_refuses_a_script_address(tmp_path, capsys, db):
    import json

    from django.core.management import call_command

    record = tmp_path / "hostile.json"
    record.write_text(json.dumps({"id": "h1", "text": ARTICLE, "url": "javascript:alert(1)"}))
    with pytest.raises(SystemExit):
        call_command("import_news", str(record))
    assert "hostile.json" in capsys.readouterr().err
    assert NewsItem.objects.count() == 0
