"""Error answers: pages in the site's design and the reader's language, JSON under /api/."""

import json

import pytest
from django.test import RequestFactory
from django.utils import translation

from core import errors

LANDMARKS = ('<header class="site-header">', '<main id="content"', '<footer class="site-footer">')


@pytest.mark.parametrize(
    "path, words",
    [("/no-such-page/", "Page not found"), ("/ru/no-such-page/", "Страница не найдена")],
)
def test_404_is_a_page_of_the_site_in_its_language(client, db, path, words):
    response = client.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    for landmark in LANDMARKS:
        assert landmark in html
    assert words in html
    assert '<meta name="robots" content="noindex">' in html
    assert 'rel="canonical"' not in html  # an address the archive does not have


def test_russian_404_switcher_leads_home_in_each_language(client, db):
    html = client.get("/ru/no-such-page/").content.decode()
    assert '<a href="/" lang="en" hreflang="en">' in html
    assert '<a href="/ru/" lang="ru" hreflang="ru" aria-current="true">' in html


def test_unknown_api_path_answers_json_404(client, db):
    response = client.get("/api/no-such-endpoint/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {"detail": "Not found."}


def test_a_bad_host_is_a_400_page(client, db):
    response = client.get("/", HTTP_HOST="not a host")
    assert response.status_code == 400
    assert "The request could not be read" in response.content.decode()


def test_an_editor_refused_by_the_admin_gets_the_403_page(editor_client, make_item):
    item = make_item()
    response = editor_client.get(f"/admin/news/newsitem/{item.pk}/delete/")
    assert response.status_code == 403
    assert "You may not open this page" in response.content.decode()


@pytest.mark.parametrize(
    "handler, status, words_ru",
    [
        (errors.server_error, 500, "На нашей стороне произошла ошибка"),
        (errors.too_many_requests, 429, "Слишком много запросов"),
        (errors.bad_request, 400, "Запрос не удалось прочитать"),
    ],
)
def test_error_pages_in_russian(db, handler, status, words_ru):
    request = RequestFactory().get("/ru/news/")
    with translation.override("ru"):
        response = handler(request)
    assert response.status_code == status
    html = response.content.decode()
    assert '<html lang="ru">' in html
    assert words_ru in html
    for landmark in LANDMARKS:
        assert landmark in html


def test_a_server_error_under_the_api_is_json(db):
    response = errors.server_error(RequestFactory().get("/api/news/"))
    assert response.status_code == 500
    assert json.loads(response.content) == {"detail": "Server error."}


def test_a_real_server_error_uses_the_page(client, db, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("broken on purpose")

    monkeypatch.setattr("news.views.HomeView.get", broken)
    client.raise_request_exception = False
    response = client.get("/ru/")
    assert response.status_code == 500
    assert "На нашей стороне произошла ошибка" in response.content.decode()
