"""Full-text search of news, the same on SQLite (FTS5) and PostgreSQL (text search)."""

import pytest
from django.core.management import call_command
from django.db import connection

from news.fulltext import fts5_query, stem_prefix
from news.models import NewsItem


@pytest.fixture
def texts(make_item):
    return {
        "treaty": make_item(
            title="Годовщина договора", language="ru", text="Подписан договор о безопасности."
        ),
        "council": make_item(
            title="Council meets", text="The foreign ministers held meetings in Minsk."
        ),
        "mention": make_item(title="Other news", text="A note that mentions the treaty once."),
        "treaty_title": make_item(title="Treaty anniversary marked", text="Leaders met."),
    }


def found(query):
    return sorted(item.title for item in NewsItem.objects.search(query))


def test_russian_case_forms_find_each_other(texts):
    assert found("договора") == ["Годовщина договора"]
    assert found("ДОГОВОРОМ") == ["Годовщина договора"]


def test_english_plural_finds_singular_and_back(texts):
    assert found("meeting") == ["Council meets"]
    assert found("MINSK meetings") == ["Council meets"]


def test_all_words_must_occur(texts):
    assert found("foreign Astana") == []


def test_title_matches_rank_first(texts):
    ranked = NewsItem.objects.search("treaty").by_relevance("treaty")
    assert [item.title for item in ranked] == ["Treaty anniversary marked", "Other news"]


def test_list_orders_search_results_by_relevance(client, texts):
    response = client.get("/news/", {"q": "treaty"})
    titles = [item.title for item in response.context["object_list"]]
    assert titles == ["Treaty anniversary marked", "Other news"]


@pytest.mark.parametrize("query", ['"', "((", "AND OR NOT", "x" * 300, "*", "NEAR(a b)", "a\x00b"])
def test_hostile_queries_do_not_fail(texts, query):
    list(NewsItem.objects.search(query))


def test_drafts_stay_out_of_search(texts, client, make_item):
    from news.models import Status

    make_item(title="Treaty draft", status=Status.DRAFT)
    titles = {i.title for i in client.get("/news/", {"q": "treaty"}).context["object_list"]}
    assert titles == {"Treaty anniversary marked", "Other news"}


def test_stemming_helpers():
    assert stem_prefix("Договора") == "договор"
    assert stem_prefix("meetings") == "meeting"
    assert stem_prefix("СМИД") == "смид"
    assert fts5_query('treaty "of" 1992') == '"treaty"* "of"* "1992"*'
    assert fts5_query("!!!") == ""


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 triggers only")
def test_lost_sqlite_triggers_are_restored_after_migrate(make_item):
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER news_newsitem_fts_insert")
    make_item(title="Written while the trigger was missing")
    call_command("migrate", verbosity=0)
    make_item(title="Written after migrate")
    assert found("written") == ["Written after migrate", "Written while the trigger was missing"]
