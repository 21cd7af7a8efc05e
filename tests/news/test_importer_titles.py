"""Headlines: found under page furniture, and absent when the text opens with its body."""

import pytest

from news.importer.extract import extract
from news.importer.linking import Linker
from news.importer.record import Record
from news.importer.save import Proposal
from news.importer.titles import extract_title, title_from_address

LEAD = (
    "The defence ministers of the member states met in Minsk on Tuesday to discuss joint "
    "exercises and the supply of equipment."
)


def test_first_line_headline():
    text = f"Defence ministers meet in Minsk to plan exercises\n\n{LEAD}"
    assert extract_title(text) == "Defence ministers meet in Minsk to plan exercises"


def test_russian_headline():
    text = f"Министры обороны стран ОДКБ встретились в Минске\n\nМИНСК, 6 июня. {LEAD}"
    assert extract_title(text, language="ru") == "Министры обороны стран ОДКБ встретились в Минске"


def test_text_opening_with_its_body_has_no_headline():
    assert extract_title(LEAD) is None
    assert extract_title(f"MINSK, June 6, 2024 (Agency) - {LEAD}") is None
    assert extract_title(f" date 2024-06-06 {LEAD}\n\nA second paragraph follows.") is None


def test_interview_opening_with_a_question_has_no_headline():
    text = "- You took office on January 1. How do you feel? - Ready to work.\n\nMore answers."
    assert extract_title(text) is None


def test_stamp_date_line_and_breadcrumbs_are_skipped():
    text = (
        " date 2024-06-06 Home / News / Politics\n\n"
        "Defence ministers meet in Minsk to plan exercises\n\n6 June, 2024\n\n"
        f"{LEAD}"
    )
    assert extract_title(text) == "Defence ministers meet in Minsk to plan exercises"


def test_menu_items_and_site_names_are_skipped():
    text = (
        "Font size\nColour scheme\non white\nCity Executive Committee\nMain / News\n"
        f"11 January 2023\n\nNew secretary general may visit Minsk in February\n\n{LEAD}"
    )
    assert extract_title(text) == "New secretary general may visit Minsk in February"


def test_ticker_headline_is_skipped():
    text = (
        "Важно\nПрезидент заявил, что переговоры продолжатся на следующей неделе\n\n"
        "Учения сил ОДКБ пройдут под Псковом в августе\n\n"
        f"Москва. 23 августа. {LEAD}"
    )
    assert extract_title(text, language="ru") == "Учения сил ОДКБ пройдут под Псковом в августе"


def test_credit_lines_are_skipped():
    text = f"Фото: Анна Петрова © Агентство\nМинистры встретились в Минске во вторник\n{LEAD}"
    assert extract_title(text, language="ru") == "Министры встретились в Минске во вторник"


def test_headline_repeated_with_date_below_teasers():
    teaser = f"On 25 July 2024, students visited the Secretariat. {LEAD}\n\n"
    text = (
        f"{teaser * 3}The secretary general met the defence minister\n\n"
        f"The secretary general met the defence minister 20.02.2023\n\n{LEAD}"
    )
    assert extract_title(text) == "The secretary general met the defence minister"


def test_date_glued_to_the_headline_is_dropped():
    text = f"The Joint Staff is 20 years old 28.04.2023\n\n{LEAD}"
    assert extract_title(text) == "The Joint Staff is 20 years old"


def test_short_headline_followed_by_a_date_line():
    text = f"Site name\nCSTO summit opens\n\n13.01.2022, 10:43\n\n{LEAD}"
    assert extract_title(text) == "CSTO summit opens"


def test_site_name_after_a_bar_is_dropped():
    text = f"Defence ministers meet in Minsk to plan exercises | Example News\n\n{LEAD}"
    assert extract_title(text) == "Defence ministers meet in Minsk to plan exercises"


def test_empty_text():
    assert extract_title("") is None
    assert extract_title("\n\n  \n") is None


# A page that shows no headline but whose address spells one.
MINSK = (
    "The defence ministers of the CSTO member states met in Minsk on Tuesday and agreed on "
    "the calendar of joint exercises. The ministers also discussed the supply of equipment "
    "to the Collective Rapid Reaction Forces."
)


def test_a_lower_case_address_is_written_as_the_text_writes_its_words():
    url = (
        "https://news.example.org/en/2024/06/04/csto-defence-ministers-agree-on-exercises-in-minsk/"
    )
    assert title_from_address(url, MINSK) == "CSTO defence ministers agree on exercises in Minsk"


def test_ids_extensions_and_a_cut_word_are_dropped_from_the_address():
    url = "https://example.kg/english/51234_Defence_ministers_agree_on_joint_exercises-a99f3c.html"
    assert title_from_address(url, MINSK) == "Defence ministers agree on joint exercises"
    cut = "https://example.com/world/defence-ministers-agree-on-joint-exercises-i-882211.html"
    assert title_from_address(cut, MINSK) == "Defence ministers agree on joint exercises"


def test_an_address_keeps_its_own_capitals():
    url = "https://example.am/en/2024/06/04/CSTO-Defence-Ministers-Meet-In-Minsk/4411"
    assert title_from_address(url, MINSK) == "CSTO Defence Ministers Meet In Minsk"


def test_an_address_of_ids_or_of_other_words_gives_no_title():
    assert title_from_address("https://example.com/defense/1083457", MINSK) is None
    assert title_from_address("https://example.com/news/2024/06/04/", MINSK) is None
    # A transliterated slug shares no word with the text it names.
    russian = "Министры обороны стран ОДКБ встретились в Минске и согласовали план учений."
    slug = "https://example.ru/news/ministry-oborony-stran-odkb-vstretilis-v-minske"
    assert title_from_address(slug, russian) is None
    # An address about something else: too few of its words are in the text.
    other = "https://example.com/sport/national-team-wins-the-football-cup-final-in-astana"
    assert title_from_address(other, MINSK) is None
    assert title_from_address("", MINSK) is None


@pytest.fixture
def linker(db):
    return Linker.from_db()


def test_extraction_takes_the_address_only_when_the_page_shows_no_headline(linker):
    url = "https://news.example.org/en/csto-defence-ministers-agree-on-exercises-in-minsk/"
    extraction = extract(Record(id="a", text=MINSK, url=url), linker)
    assert extraction.title == "CSTO defence ministers agree on exercises in Minsk"
    assert extraction.title_from_address is True
    headed = extract(
        Record(id="b", text=f"Ministers plan a year of exercises\n\n{MINSK}", url=url), linker
    )
    assert headed.title == "Ministers plan a year of exercises"
    assert headed.title_from_address is False
    bare = extract(Record(id="c", text=MINSK), linker)
    assert bare.title is None
    assert Proposal.from_extraction(bare).title == ""
