"""Publication dates: URL, datelines, page stamps and the traps around them."""

import datetime

import pytest

from news.importer.dates import extract_date, find_dates, url_date

BODY = (
    "The defence ministers of the member states discussed joint exercises, the training of "
    "staff and the supply of equipment, and agreed to meet again in the autumn."
)


def day(text):
    return datetime.date.fromisoformat(text)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Monday, 4 July, 2016 - 17:00", "2016-07-04"),
        ("June 6, 2024", "2024-06-06"),
        ("Feb. 5, 2021", "2021-02-05"),
        ("26th May, 2020", "2020-05-26"),
        ("6 июня 2024 года", "2024-06-06"),
        ("6-го января 2022", "2022-01-06"),
        ("21:406-го января 2022", "2022-01-06"),
        ("3 дек. 2019 г.", "2019-12-03"),
        ("05.06.2024", "2024-06-05"),
        ("12:30 23/11/2022", "2022-11-23"),
        ("15.05.202415 May", "2024-05-15"),
        ("2024-06-06", "2024-06-06"),
    ],
)
def test_written_forms_are_read_day_first(written, expected):
    found = find_dates(written)
    assert found and found[0].date == day(expected)


def test_ranges_times_and_the_modal_may_are_not_dates():
    assert find_dates("19-20 июня 2023 года") == []
    assert find_dates("they may 15 times") == []
    yearless = find_dates("6 March, 09:45 1222")
    assert [(item.year, item.month, item.day) for item in yearless] == [(None, 3, 6)]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/news/2016/11/10/1304298.shtml", "2016-11-10"),
        ("https://example.org/en/politics/20220517/summit-in-moscow", "2022-05-17"),
        ("https://example.org/main/meeting-held-2022-04-01-23732", "2022-04-01"),
        ("https://example.org/view?date=2024-06-06", "2024-06-06"),
    ],
)
def test_url_path_dates(url, expected):
    assert url_date(url) == day(expected)
    assert extract_date("Ministers met in Minsk.", url=url) == day(expected)


@pytest.mark.parametrize(
    "url",
    [
        "https://24.example/english/330658_Ministers_meet/",
        "https://example.org/news/16531928",
        "https://example.org/item_a3541619/",
        "https://example.org/2016/11/",
    ],
)
def test_article_numbers_in_urls_are_not_dates(url):
    assert url_date(url) is None


def test_english_dateline_line_under_the_headline():
    text = f"Ministers meet in Minsk\n\n8 February, 2022\n\n{BODY}"
    assert extract_date(text) == day("2022-02-08")


def test_russian_dateline_line_above_the_headline():
    text = f"10:15 06.06.2024\n\nМинистры обороны встретились в Минске\n\n{BODY}"
    assert extract_date(text, language="ru") == day("2024-06-06")


def test_wire_datelines():
    assert extract_date(f"MOSCOW, June 6, 2024 (TASS) - {BODY}") == day("2024-06-06")
    assert extract_date(f"АСТАНА, 6 июня 2024 года. КАЗИНФОРМ - {BODY}") == day("2024-06-06")
    assert extract_date(f"MINSK (Agency News - 26th May, 2020) {BODY}") == day("2020-05-26")


def test_headline_repeated_with_its_date_below_teasers():
    teasers = f"On 25 July 2024, students visited the Secretariat. {BODY}\n\n" * 3
    text = f"{teasers}Ministers met in Minsk\n\nMinisters met in Minsk 20.02.2023\n\n{BODY}"
    assert extract_date(text) == day("2023-02-20")


def test_relative_dates_give_none():
    assert extract_date(f"The summit opens tomorrow in Minsk. {BODY}") is None
    assert extract_date(f"Вчера министры встретились в Минске. {BODY}", language="ru") is None


def test_dates_inside_sentences_are_not_the_publication_date():
    text = f"{BODY}\n\nThe decision adopted on January 6, 2022 sent forces to the region."
    assert extract_date(text) is None


def test_last_updated_stamp_is_ignored():
    text = f"Ministers met in Minsk\nLast updated: 12 March 2024\n\n{BODY}"
    assert extract_date(text) is None
    text = f"Ministers met in Minsk\nPublished 10 March 2024 | Updated 12 March 2024\n\n{BODY}"
    assert extract_date(text) == day("2024-03-10")
    text = f"Ministers met in Minsk\nОбновлено:\n12.03.2024\n\n{BODY}"
    assert extract_date(text, language="ru") is None


def test_teaser_date_after_the_article_is_ignored():
    text = (
        f"Ministers met in Minsk\n\n{BODY}\n\n{BODY}\n\nRead also\n\nMinsk\n29.11.2025\n12:12\n\n"
        "Another story about something else"
    )
    assert extract_date(text) is None


def test_yearless_dateline_gives_none():
    assert extract_date(f"YEREVAN, MAY 24, ARMENPRESS. {BODY}") is None
    assert extract_date(f"Москва. 23 августа. INTERFAX.RU - {BODY}", language="ru") is None
    assert extract_date(f"Ministers met in Minsk\n\n6 March, 09:45 1222\n\n{BODY}") is None


def test_stamp_without_contrary_evidence_is_taken():
    assert extract_date(BODY, date_stamp="2022-05-16") == day("2022-05-16")
    # The crawler's stamp may also lead the text itself.
    assert extract_date(f" date 2022-05-16 {BODY}") == day("2022-05-16")


def test_stamp_that_agrees_with_a_yearless_dateline():
    text = f"MOSCOW, October 16. /TASS/. {BODY}"
    assert extract_date(text, date_stamp="2019-10-16") == day("2019-10-16")


def test_stamp_that_disagrees_with_a_yearless_dateline_gives_none():
    text = f"MOSCOW, October 16. /TASS/. {BODY}"
    assert extract_date(text, date_stamp="2019-10-18") is None


def test_dateline_with_year_beats_a_disagreeing_stamp():
    text = f"Ministers met in Minsk\n\n16.10.2019\n\n{BODY}"
    assert extract_date(text, date_stamp="2020-01-01") == day("2019-10-16")


def test_url_date_beats_a_disagreeing_stamp():
    url = "https://example.org/2016/11/10/story.html"
    assert extract_date(BODY, url=url, date_stamp="2017-01-01") == day("2016-11-10")


def test_stamp_refuted_by_tense():
    coming = f"The session will be held in Minsk on 30 November. {BODY}"
    assert extract_date(coming, date_stamp="2017-11-28") == day("2017-11-28")
    assert extract_date(coming, date_stamp="2017-12-02") is None
    held = f"The meeting was held on 3 December 2025 at the Secretariat. {BODY}"
    assert extract_date(held, date_stamp="2025-12-05") == day("2025-12-05")
    assert extract_date(held, date_stamp="2025-12-01") is None


def test_event_date_in_a_headline_is_not_the_page_date():
    text = f"Ministers to meet in Minsk on 6 June 2024\n\n{BODY}"
    assert extract_date(text) is None


def test_nothing_to_go_by():
    assert extract_date("") is None
    assert extract_date(BODY, url="https://example.org/news/12345", date_stamp="") is None
