"""Conditional GET: detail pages and feeds answer 304 when the client is up to date."""

from django.utils.http import http_date


def test_detail_page_has_last_modified_and_answers_304(client, make_item):
    item = make_item()
    response = client.get(item.get_absolute_url())
    stamp = response["Last-Modified"]
    assert stamp == http_date(item.updated_at.timestamp())
    again = client.get(item.get_absolute_url(), headers={"if-modified-since": stamp})
    assert again.status_code == 304
    earlier = http_date(item.updated_at.timestamp() - 3600)
    response = client.get(item.get_absolute_url(), headers={"if-modified-since": earlier})
    assert response.status_code == 200


def test_statement_page_answers_304(client, make_statement):
    statement = make_statement()
    stamp = client.get(statement.get_absolute_url())["Last-Modified"]
    response = client.get(statement.get_absolute_url(), headers={"if-modified-since": stamp})
    assert response.status_code == 304


def test_feed_follows_the_archive_and_has_an_etag(client, make_item):
    make_item()
    response = client.get("/feeds/news/")
    assert response["ETag"]
    stamp = response["Last-Modified"]
    assert client.get("/feeds/news/", headers={"if-modified-since": stamp}).status_code == 304
    assert (
        client.get("/feeds/news/", headers={"if-none-match": response["ETag"]}).status_code == 304
    )


def test_bad_date_in_a_news_address_is_still_404(client, db):
    assert client.get("/news/2024/2/30/anything/").status_code == 404
