"""Headlines: found under page furniture, and absent when the text opens with its body."""

from news.importer.titles import extract_title

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
