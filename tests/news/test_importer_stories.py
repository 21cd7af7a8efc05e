"""Pages of several stories, and texts that state no date: one proposal per story, no guess."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils.formats import date_format

from news.importer.dates import extract_date
from news.importer.extract import extract_stories
from news.importer.forms import story_lines
from news.importer.linking import Linker
from news.importer.record import Record
from news.importer.stories import split_stories
from news.models import NewsItem

DIGEST = """On 3 March, officers of the Crisis Response Center rehearsed a joint exercise \
with the duty services of the emergency ministries of the member states, by video link.
On 14 and 15 April 2025, the Joint Staff held consultations with planners of the defence \
ministries on the calendar of joint exercises for the next two years and their funding.
On April 16, 2025, the CSTO Council of Foreign Ministers met in Minsk and approved a statement on \
the situation on the external borders of the member states, after a long debate.
A meeting on border security in Minsk
17.04.2025 The Permanent Council heard a report on the border programme and agreed to send \
it to the heads of state for approval at their autumn session in Minsk.
The programme covers the equipment of border posts and the training of their staff.
"""

TEASERS = """The Secretary General told a radio station about the next steps of the talks on the \
joint air defence system and the budget of the organization for the coming year.

On 2 June 2025, the Committee of Secretaries of Security Councils met in Bishkek to discuss \
the fight against drug trafficking and the work of the anti-drug operation of the year.

A foreign minister said in an interview that relations with the organization were \
excellent and that his country would send a delegation to the next session in Minsk.

The treaty marks its anniversary

20 May 2025 The treaty signed in Tashkent turns thirty-three today, and the organization \
built on it recalls the decisions that gave it its present shape and its bodies.

The member states keep strengthening their cooperation on security in Central Asia.
"""

ONE_ARTICLE = """Peacekeepers go home after the mission

12.01.2025 The peacekeeping contingent began to leave the country after the mission ended, \
the Secretary General said at a briefing in Moscow, thanking the member states.

The timeline of the mission

On January 2, protests began in the west of the country and spread to the main cities \
within three days, as the government announced a state of emergency.

On January 6, the Collective Security Council decided to send peacekeepers at the request \
of the country's president, and the first planes landed the next morning.
"""

UNDATED = """The Council of Foreign Ministers met today in Almaty. The ministers discussed the \
situation on the borders of the member states and the preparation of the summit, which was \
recalled to have been agreed on 6 June 2024 and will take place later this year.
"""


def stories(text):
    return [story.text(text) for story in split_stories(text)]


def test_a_date_opening_the_first_sentence_dates_the_story():
    text = "On 11 December 2024, the Joint Staff held consultations in Moscow on exercises."
    assert extract_date(text) == datetime.date(2024, 12, 11)
    ru = "6 июня 2024 года в Алматы состоялось заседание Комитета секретарей советов безопасности."
    assert extract_date(ru, language="ru") == datetime.date(2024, 6, 6)


def test_a_date_inside_a_sentence_still_does_not():
    text = "The ministers recalled in Moscow that on 11 December 2024, the Joint Staff met."
    assert extract_date(text) is None
    assert extract_date(UNDATED) is None


def test_a_digest_is_split_into_its_stories_in_page_order():
    found = stories(DIGEST)
    assert len(found) == 4
    assert found[0].startswith("On 3 March")
    assert found[1].startswith("On 14 and 15 April 2025")
    assert found[2].startswith("On April 16, 2025")
    assert found[3].startswith("A meeting on border security in Minsk")
    assert found[3].endswith("training of their staff.")
    dates = [extract_date(story) for story in found]
    # "On 3 March" has no year: the story gets no date rather than a guessed one.
    assert dates == [
        None,
        datetime.date(2025, 4, 15),
        datetime.date(2025, 4, 16),
        datetime.date(2025, 4, 17),
    ]


def test_teasers_above_one_article_do_not_make_stories():
    assert len(split_stories(TEASERS)) == 1


# A news page's article under a column of teasers of its other pages, one of them dated.
ARTICLE_UNDER_TEASERS = TEASERS.replace(
    "The member states keep",
    "The ministers of the member states will meet in Minsk in the autumn to review the "
    "programme of joint exercises and the state of the collective forces.\n\n"
    "The organization also plans a conference on security in Central Asia, to which the "
    "observers of several international organizations have been invited.\n\n"
    "Its secretariat will publish the conference's programme and the list of speakers in "
    "the summer, together with the papers of the working groups.\n\n"
    "The member states keep",
)


def test_an_article_under_teasers_is_taken_alone_from_its_headline():
    (story,) = split_stories(ARTICLE_UNDER_TEASERS)
    text = story.text(ARTICLE_UNDER_TEASERS)
    assert text.startswith("The treaty marks its anniversary\n")
    assert "radio station" not in text and "Bishkek" not in text
    assert text.endswith("security in Central Asia.")


def test_extract_of_an_article_under_teasers_links_only_what_the_article_names(
    tmp_path, capsys, ministers
):
    page = ARTICLE_UNDER_TEASERS.replace(
        "A foreign minister said", "At the Council of Foreign Ministers a minister said"
    )
    (tmp_path / "page.txt").write_text(page, encoding="utf-8")
    call_command("extract", str(tmp_path / "page.txt"))
    (line,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert line["id"] == "page.txt"
    assert line["title"] == "The treaty marks its anniversary"
    assert line["bodies"] == []  # the Council is named in a teaser only
    assert line["published"] == "2025-05-20"


def test_an_article_recounting_dated_days_stays_one_story():
    assert len(split_stories(ONE_ARTICLE)) == 1
    # Its subheading is no headline of another story either.
    assert (
        len(split_stories(ONE_ARTICLE.replace("The timeline", "2 January 2025: the timeline"))) == 1
    )


def test_separators_divide_a_page_and_nothing_else_does():
    page = ONE_ARTICLE + "\n* * *\n\n" + UNDATED + "\n-----\n" + TEASERS
    found = stories(page)
    assert len(found) == 3
    assert found[0].startswith("Peacekeepers go home")
    assert found[1].startswith("The Council of Foreign Ministers met today")
    assert "* * *" not in found[0] and "-----" not in found[1]


# A news site's list: headline, date line, text; menus and credits where pages have them.
LISTED = """Ministers of defence agree on the calendar of joint exercises for the next year
04.06.2024
Share
Print
The defence ministers of the member states met in Minsk and agreed on the calendar of joint \
exercises, after a report of the Joint Staff on the forces' readiness.
Photo: press service
Secretaries of security councils met in Almaty to talk of drugs, of the borders, of the plan \
for the Tajik-Afghan border and of what the next year of work will bring to all of them
06.06.2024
The secretaries heard reports on the situation in Central Asia and approved a statement on \
the threats that arise on the borders of the member states and the ways to meet them.
The Permanent Council prepared the decisions of the autumn session
25.10.2024
The permanent representatives agreed on the drafts that the heads of state will sign at \
their session in Astana next month, among them a declaration and a programme.
"""


def test_a_headline_over_its_date_line_starts_a_story_whatever_stands_between():
    found = stories(LISTED)
    assert len(found) == 3
    assert found[0].startswith("Ministers of defence agree")
    # A long headline, of more words than a sentence, over its date line is still one.
    assert found[1].startswith("Secretaries of security councils met in Almaty")
    assert found[2].startswith("The Permanent Council prepared")
    assert "Photo: press service" in found[0]
    assert [extract_date(story) for story in found] == [
        datetime.date(2024, 6, 4),
        datetime.date(2024, 6, 6),
        datetime.date(2024, 10, 25),
    ]


def test_a_cut_last_paragraph_is_not_taken_for_the_next_headline():
    # The first story's excerpt ends mid-sentence, without a full stop: it looks like a
    # headline, but the next line is the headline over the next story's date.
    cut = LISTED.replace(
        "Photo: press service\n", "The exercises will be held in Belarus and Kazakhstan in\n"
    )
    found = stories(cut)
    assert len(found) == 3
    assert found[0].rstrip().endswith("Belarus and Kazakhstan in")
    assert found[1].startswith("Secretaries of security councils")


# The same list as a news site prints it with each date run into the story's first words,
# one story with a subtitle under its headline, the one above it cut mid-sentence.
GLUED = """Ministers of defence agree on the calendar of joint exercises for the next year
04.06.2024The defence ministers of the member states met in Minsk and agreed on the calendar \
of joint exercises, after a report of the Joint Staff on the forces' readiness.
The exercises will be held in Belarus and Kazakhstan in
Secretaries of security councils met in Almaty
06.06.2024Talks on drugs, the borders and the plan for the Tajik-Afghan border
ALMATY, 6 June. The secretaries heard reports on the situation in Central Asia and approved \
a statement on the threats that arise on the borders of the member states.
The Permanent Council prepared the decisions of the autumn session
25.10.2024 The permanent representatives agreed on the drafts that the heads of state will \
sign at their session in Astana next month, among them a declaration and a programme.
"""


def test_a_date_run_into_the_first_words_under_a_headline_dates_its_story():
    found = stories(GLUED)
    assert len(found) == 3
    assert found[0].startswith("Ministers of defence agree")
    assert found[0].rstrip().endswith("Belarus and Kazakhstan in")
    # The subtitle under the date is part of its story, not a story of its own.
    assert found[1].startswith("Secretaries of security councils met in Almaty\n06.06.2024Talks")
    assert found[2].startswith("The Permanent Council prepared")
    assert [extract_date(story) for story in found] == [
        datetime.date(2024, 6, 4),
        datetime.date(2024, 6, 6),
        datetime.date(2024, 10, 25),
    ]


def test_a_column_of_headlines_and_dates_without_text_is_not_a_story():
    column = (
        "Read also\nThe Joint Staff held a staff exercise in Belarus\n02.06.2024\n"
        "The Secretary General visited Bishkek for talks\n01.06.2024\n"
    )
    assert len(split_stories(ONE_ARTICLE + "\n" + column)) == 1


def test_a_page_stamp_starts_the_stored_page_it_opens():
    first = " date 2024-06-04 The defence ministers of the member states met in Minsk on \
Tuesday and agreed on the calendar of joint exercises for the year.\nThey also heard a report."
    second = (
        " date 2024-06-06 Example News\nSecretaries of security councils meet in Almaty\n"
        "ALMATY, June 6. The secretaries of the security councils of the member states "
        "met today and approved a statement on the borders."
    )
    found = stories(first + "\n\n" + second)
    assert len(found) == 2
    # The second page's own headline under its site name belongs to its story.
    assert "Secretaries of security councils meet in Almaty" in found[1]
    assert [extract_date(story) for story in found] == [
        datetime.date(2024, 6, 4),
        datetime.date(2024, 6, 6),
    ]
    # Text above the first stamp is the page before it.
    found = stories(
        "The ministers of foreign affairs met in Minsk and adopted a statement \
on the situation in the region, the talks went on into the evening.\n"
        + second
    )
    assert len(found) == 2
    # One stamped page is one story.
    assert len(split_stories(second)) == 1


def test_extract_prints_one_line_per_story_with_numbered_ids(tmp_path, capsys, ministers):
    (tmp_path / "digest.txt").write_text(DIGEST, encoding="utf-8")
    (tmp_path / "one.json").write_text(json.dumps({"id": "r1", "text": ONE_ARTICLE}))
    call_command("extract", str(tmp_path / "digest.txt"), str(tmp_path / "one.json"))
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["id"] for line in lines] == [
        "digest.txt#1",
        "digest.txt#2",
        "digest.txt#3",
        "digest.txt#4",
        "r1",
    ]
    assert [line["published"] for line in lines] == [
        None,
        "2025-04-15",
        "2025-04-16",
        "2025-04-17",
        "2025-01-12",
    ]

    assert lines[2]["bodies"] == ["Council of Foreign Ministers"]
    assert lines[0]["bodies"] == []  # another story's bodies are not merged in


def test_import_news_saves_one_draft_per_dated_story_and_never_guesses(tmp_path, capsys, ministers):
    (tmp_path / "digest.txt").write_text(DIGEST, encoding="utf-8")
    (tmp_path / "undated.txt").write_text(UNDATED, encoding="utf-8")
    call_command("import_news", str(tmp_path))
    out = capsys.readouterr().out
    # Two paragraph stories are dated but show no headline: no title is cut from their text.
    assert (
        "1 created, 0 skipped as duplicates, 2 skipped without a date, "
        "2 skipped without a headline, 0 failed."
    ) in out
    assert "digest.txt#1: the text states no date of its own" in out
    assert "undated.txt: the text states no date of its own" in out
    assert "digest.txt#2: the page shows no headline" in out
    assert "digest.txt#3: the page shows no headline" in out
    (item,) = NewsItem.objects.all()
    assert (item.published_on, item.title) == (
        datetime.date(2025, 4, 17),
        "A meeting on border security in Minsk",
    )


@pytest.fixture
def paste(editor_client):
    url = reverse("admin:news_newsitem_import")

    def post(text, **data):
        return editor_client.post(url, {"text": text, "url": "", "source_name": "", **data})

    return post


def test_an_undated_paste_proposes_no_date_and_says_which_dates_it_saw(paste, ministers):
    response = paste(UNDATED)
    confirm = response.context["stories"][0]["confirm"]
    assert confirm.initial["published_on"] is None
    html = response.content.decode()
    date_row = html[html.index('id="id_published_on"') :][:1500]
    assert 'value="' not in date_row.split(">")[0]
    assert "The text states no date of its own" in date_row
    # Written in the text, but not as the article's date.
    assert date_format(datetime.date(2024, 6, 6), "DATE_FORMAT") in date_row


def test_an_undated_paste_cannot_be_saved_without_a_date(paste, ministers):
    fields = {"save": "1", "title": "Ministers in Almaty", "language": "en", "place": ""}
    response = paste(UNDATED, published_on="", **fields)
    assert response.status_code == 200
    assert NewsItem.objects.count() == 0
    errors = response.context["stories"][0]["confirm"].errors["published_on"]
    assert date_format(datetime.date(2024, 6, 6), "DATE_FORMAT") in errors[0]
    assert "states no date of its own" in errors[0]

    response = paste(UNDATED, published_on="2024-06-06", **fields)
    assert response.status_code == 302
    assert NewsItem.objects.get().published_on == datetime.date(2024, 6, 6)


def test_a_text_with_no_date_at_all_says_so(paste, ministers):
    response = paste("The Council of Foreign Ministers met today in Almaty to talk.")
    help_text = str(response.context["stories"][0]["confirm"]["published_on"].help_text)
    assert help_text.startswith("The text states no date: enter the date")


def story_data(response):
    """The data the page posts back: every story's proposal as the form shows it."""
    data = {"text": DIGEST, "url": "", "source_name": "", "save": "1"}
    for story in response.context["stories"]:
        form = story["confirm"]
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            if name in ("bodies", "officials", "states"):
                value = [obj.pk for obj in value or ()]
            if value is None or value is False:
                continue
            data[form.add_prefix(name)] = "on" if value is True else value
    return data


def test_the_admin_proposes_each_story_and_saves_the_ones_kept(paste, ministers):
    response = paste(DIGEST)
    stories = response.context["stories"]
    assert len(stories) == 4
    assert [story["confirm"].initial["published_on"] for story in stories] == [
        None,
        datetime.date(2025, 4, 15),
        datetime.date(2025, 4, 16),
        datetime.date(2025, 4, 17),
    ]
    assert [story["confirm"].prefix for story in stories] == [f"story{n}" for n in range(1, 5)]
    assert stories[2]["confirm"].initial["bodies"] == (ministers,)
    assert stories[0]["confirm"].initial["bodies"] == ()

    # Only the fourth story shows a headline; the others' titles wait for the editor.
    assert [story["confirm"].initial["title"] for story in stories] == [
        "",
        "",
        "",
        "A meeting on border security in Minsk",
    ]
    data = story_data(response)
    response = paste(DIGEST, **{k: v for k, v in data.items() if k not in ("text",)})
    assert response.status_code == 200
    assert "title" in response.context["stories"][1]["confirm"].errors
    assert NewsItem.objects.count() == 0
    data["story2-title"] = "Consultations on the exercise calendar"
    data["story3-title"] = "Foreign ministers on the borders"

    # Kept, the first story without a year stops the save: nothing is saved at all.
    response = paste(DIGEST, **{k: v for k, v in data.items() if k not in ("text",)})
    assert response.status_code == 200
    assert "published_on" in response.context["stories"][0]["confirm"].errors
    assert NewsItem.objects.count() == 0

    # Dropped, the other three are saved as separate drafts, each with its own date and text.
    del data["story1-keep"]
    response = paste(DIGEST, **{k: v for k, v in data.items() if k not in ("text",)})
    assert response.status_code == 302
    items = list(NewsItem.objects.order_by("published_on"))
    assert [item.published_on.day for item in items] == [15, 16, 17]
    assert items[1].text.startswith("On April 16, 2025")
    assert "Joint Staff" not in items[1].text
    assert list(items[1].bodies.all()) == [ministers]


WRAPPED = """The Council of Foreign Ministers met in Almaty on Friday and
discussed the situation on the borders of the member states and the
preparation of the next session of the Collective Security Council,
which the ministers expect to hold in the autumn in the capital.
The ministers also heard a report of the Secretary General on the
exercises of the year:
- a command post exercise in Belarus;
- a joint drill of the rapid reaction forces.

They agreed to meet again in the spring. The next chairmanship passes
(as agreed earlier) to Kyrgyzstan.
https://example.org/news/ministers-in-almaty/
"""


def test_a_pasted_text_is_unwrapped_and_its_closing_address_proposed(paste, ministers):
    proposal = paste(WRAPPED).context["stories"][0]["proposal"]
    assert proposal.source_url == "https://example.org/news/ministers-in-almaty/"
    assert proposal.text == (
        "The Council of Foreign Ministers met in Almaty on Friday and discussed the situation "
        "on the borders of the member states and the preparation of the next session of the "
        "Collective Security Council, which the ministers expect to hold in the autumn in the "
        "capital.\nThe ministers also heard a report of the Secretary General on the exercises "
        "of the year:\n- a command post exercise in Belarus;\n- a joint drill of the rapid "
        "reaction forces.\n\nThey agreed to meet again in the spring. The next chairmanship "
        "passes (as agreed earlier) to Kyrgyzstan."
    )


def test_an_address_the_editor_gives_wins_and_paragraph_texts_stay_as_pasted(paste, ministers):
    response = paste(DIGEST, url="https://example.org/digest")
    proposals = [story["proposal"] for story in response.context["stories"]]
    # Four stories of one page cannot all claim the page's address.
    assert [p.source_url for p in proposals] == ["", "", "", ""]
    assert proposals[3].text == split_stories(DIGEST)[3].text(DIGEST)
    response = paste(WRAPPED, url="https://example.org/given")
    assert response.context["stories"][0]["proposal"].source_url == "https://example.org/given"


def test_each_date_a_story_writes_is_a_candidate_with_its_reason():
    from news.importer.dates import mentioned_dates
    from news.importer.forms import date_candidates

    text = (
        "On 3 March the officers met.\nThe plan adopted on 14 April 2025 was read out.\n"
        "17.04.2025 The council met again."
    )
    found = date_candidates(
        text,
        mentioned_dates(text),
        taken=datetime.date(2025, 4, 17),
        today=datetime.date(2026, 1, 10),
    )
    assert [(c.date, c.reason) for c in found] == [
        (datetime.date(2025, 3, 3), "no year written: the year of the page's other dates"),
        (datetime.date(2025, 4, 14), "inside a sentence"),
        (datetime.date(2025, 4, 17), "taken as the article's date"),
    ]
    # Alone, a date without a year is offered as the last such day before today.
    alone = "On 20 December the duty shifts trained together."
    (only,) = date_candidates(alone, mentioned_dates(alone), today=datetime.date(2026, 12, 7))
    assert only.date == datetime.date(2025, 12, 20)
    assert only.reason == "no year written: the last such day before today"
    # The page's other stories lend their year to one that writes none.
    (lent,) = date_candidates(
        alone, mentioned_dates(alone), page_years=[2024, 2024], today=datetime.date(2026, 1, 1)
    )
    assert lent.date == datetime.date(2024, 12, 20)


def test_the_editor_moves_a_boundary_with_a_separator_line(paste, ministers):
    response = paste(LISTED)
    assert len(response.context["stories"]) == 3
    assert "Lines * * * put in the pasted text divide the page" in response.content.decode()
    # One separator before the third story: the first two read as one, as the editor says.
    third = LISTED.index("The Permanent Council prepared")
    response = paste(LISTED[:third] + "* * *\n" + LISTED[third:])
    stories_found = response.context["stories"]
    assert len(stories_found) == 2
    assert "Secretaries of security councils" in stories_found[0]["extraction"].record.text


def test_the_admin_saves_the_article_under_teasers_without_them(paste, ministers):
    fields = {"save": "1", "language": "en", "place": "", "published_on": "2025-05-20"}
    response = paste(ARTICLE_UNDER_TEASERS, title="The treaty marks its anniversary", **fields)
    assert response.status_code == 302
    item = NewsItem.objects.get()
    assert item.text.startswith("The treaty marks its anniversary")
    assert "radio station" not in item.text and "Bishkek" not in item.text


# Texts pasted one after another with no date to tell them apart.
ENGLISH_UNDATED = """Defence ministers prepare the autumn session

The defence ministers of the member states met in Bishkek to prepare the decisions of the \
autumn session. They heard the Joint Staff on the readiness of the collective forces.
The ministers also agreed on the calendar of joint exercises for the next two years.
"""

RUSSIAN_UNDATED = """Секретари советов безопасности встретились в Алма-Ате

Секретари советов безопасности государств-членов обсудили положение на границах и \
утвердили план совместных действий. Они заслушали доклады о борьбе с наркотрафиком.
"""

CUT_ENGLISH = """The Permanent Council heard a report on the border programme. The permanent \
representatives agreed to send it to the heads of state, who will discuss the equipment of"""

TAIL_ENGLISH = ENGLISH_UNDATED + "\nBack to the all news\n"

SECOND_ENGLISH = """A new Deputy Secretary General takes office

A diplomat from Kazakhstan took up the post of Deputy Secretary General this week. He will \
be in charge of the political cooperation of the member states and the work with observers.
"""


def test_texts_in_two_languages_one_after_the_other_are_two_stories():
    page = ENGLISH_UNDATED + "\n12:30\n\n" + RUSSIAN_UNDATED
    found = stories(page)
    assert len(found) == 2
    assert found[0].startswith("Defence ministers prepare")
    assert found[0].endswith("for the next two years.")
    # A neutral line (a time) above the new language's headline opens the new story.
    assert found[1].startswith("12:30\n\nСекретари советов безопасности встретились")


def test_a_text_cut_mid_sentence_ends_where_the_next_one_starts():
    found = stories(CUT_ENGLISH + "\n\n" + SECOND_ENGLISH)
    assert len(found) == 2
    assert found[0].endswith("the equipment of")
    assert found[1].startswith("A new Deputy Secretary General takes office")
    # Cut above a paragraph rather than a headline: the paragraph opens the next text.
    body = SECOND_ENGLISH.split("\n\n", 1)[1]
    found = stories(CUT_ENGLISH + "\n\n" + body)
    assert len(found) == 2 and found[1].startswith("A diplomat from Kazakhstan")


def test_a_headline_under_a_story_s_links_back_starts_the_next_one():
    found = stories(TAIL_ENGLISH + "\n" + SECOND_ENGLISH)
    assert len(found) == 2
    assert "Back to the all news" not in found[0]
    assert found[1].startswith("A new Deputy Secretary General takes office")


def test_one_undated_text_with_sections_a_quote_and_a_cut_end_stays_one_story():
    article = (
        ENGLISH_UNDATED
        # A section heading under a finished paragraph: the same text goes on.
        + "\nThe exercises of the coming year\n\n"
        + "The first exercise will take place in Kazakhstan in the spring, and the second one "
        "in Belarus in the autumn, with troops of every member state taking part in both.\n"
        # A short line in the other language (a name, a quote) tells no language.
        + "«Взаимодействие»\n"
        + "The name of the exercise, Interaction, has been used since the first one took place "
        "in 2008, and the plan of this year's exercise was approved by the ministers today.\n"
        + CUT_ENGLISH
    )
    assert stories(article) == [article.strip()]


def test_a_text_s_closing_credit_ends_it():
    page = ENGLISH_UNDATED + "Translation by the press office\n\n" + SECOND_ENGLISH
    found = stories(page)
    assert len(found) == 2
    assert found[0].endswith("Translation by the press office")
    assert found[1].startswith("A new Deputy Secretary General takes office")


def test_a_one_sentence_paragraph_cut_under_a_finished_one_ends_its_text():
    cut = (
        "The Permanent Council heard a report on the border programme.\n"
        "The permanent representatives agreed to send the programme to the heads of state "
        "at their next session, who will discuss the equipment of"
    )
    found = stories(cut + "\n\n" + SECOND_ENGLISH)
    assert len(found) == 2 and found[0].endswith("the equipment of")
    # A long headline has no full stop either, but nothing finished stands right above it.
    headline = (
        "The permanent representatives agreed to send the programme to the heads of state, "
        "who will discuss the equipment of border posts"
    )
    assert len(stories(headline + "\n\n" + SECOND_ENGLISH.split("\n\n", 1)[1])) == 1


def test_the_old_language_s_last_lines_stay_with_its_story():
    # A Russian text's time and photo credit at its foot, then an English text.
    page = RUSSIAN_UNDATED + "\n12:30\nФото: пресс-служба ОДКБ\n\n" + ENGLISH_UNDATED
    found = stories(page)
    assert len(found) == 2
    assert found[0].endswith("12:30\nФото: пресс-служба ОДКБ")
    assert found[1].startswith("Defence ministers prepare")


def test_after_closing_credits_the_next_page_starts_with_its_menus():
    menus = "Font size\nColor scheme\nMain / News\n\n"
    page = ENGLISH_UNDATED + "Translated by the press office\nEdited by the desk\n\n" + menus
    found = stories(page + SECOND_ENGLISH)
    assert len(found) == 2
    assert found[0].endswith("Edited by the desk")
    assert found[1].startswith("Font size")
    # Credits at the end of the page close it and start nothing.
    assert len(stories(page.replace(menus, ""))) == 1


def test_a_headline_over_a_date_line_without_a_year_under_a_finished_text_starts_a_story():
    second = SECOND_ENGLISH.replace("\n\n", "\n\n6 March, 09:45\n\n", 1)
    found = stories(ENGLISH_UNDATED + "\n" + second)
    assert len(found) == 2
    assert found[1].startswith("A new Deputy Secretary General takes office\n\n6 March")
    # A programme of the visit (a heading, its day, short items) goes on the same text.
    programme = "Programme of the visit\n\n6 March, 09:45\n\nTalks\nLunch\nPress conference\n"
    assert len(stories(ENGLISH_UNDATED + "\n" + programme)) == 1


def test_paragraphs_under_share_buttons_are_the_next_text_but_one_blurb_is_not():
    second = (
        "The Joint Staff held consultations with the member states on the exercises.\n"
        "Officers of the six armies agreed on the stages of the exercises and their place.\n"
        "The next consultations will take place in Minsk before the summer session begins.\n"
    )
    found = stories(ENGLISH_UNDATED + "Share:\n" + second)
    assert len(found) == 2 and found[1].startswith("The Joint Staff held consultations")
    blurb = second.splitlines()[0]
    assert len(stories(ENGLISH_UNDATED + "Share:\n" + blurb)) == 1


def ticked(response):
    return [line.offset for line in response.context["lines"] if line.starts]


def test_the_proposal_page_ticks_where_each_story_starts(paste, ministers):
    response = paste(DIGEST)
    starts = [
        DIGEST.index(story["extraction"].record.text) for story in response.context["stories"]
    ]
    assert ticked(response) == starts and len(starts) == 4
    html = response.content.decode()
    for offset in starts:
        assert f'name="start" value="{offset}" checked' in html
    # Enter in a field presses the form's first button: it saves, never proposes anew.
    buttons = [
        html.index('type="submit" class="default" name="save"'),
        html.index('name="analyse"'),
    ]
    assert buttons == sorted(buttons)
    # Every non-empty line of the page can be ticked.
    assert len(response.context["lines"]) == len(
        [line for line in DIGEST.splitlines() if line.strip()]
    )


def test_the_editor_moves_joins_and_adds_boundaries(paste, ministers):
    first = paste(DIGEST)
    starts = ticked(first)
    texts = [story["extraction"].record.text for story in first.context["stories"]]

    # Join the second story to the first: three stories, the first holding both texts.
    joined = paste(DIGEST, boundaries="1", start=[starts[0], *starts[2:]])
    stories = joined.context["stories"]
    assert len(stories) == 3
    assert texts[0] in stories[0]["extraction"].record.text
    assert texts[1] in stories[0]["extraction"].record.text
    assert ticked(joined) == [starts[0], *starts[2:]]

    # Move the fourth story's start down one line: its headline joins the third story.
    lines = [line.offset for line in first.context["lines"]]
    moved = lines[lines.index(starts[3]) + 1]
    response = paste(DIGEST, boundaries="1", start=[*starts[:3], moved])
    stories = response.context["stories"]
    assert len(stories) == 4
    assert stories[3]["extraction"].record.text.startswith("17.04.2025 The Permanent Council")
    assert stories[2]["extraction"].record.text.endswith("A meeting on border security in Minsk")

    # Nothing ticked: the page is one story. A value that is no line's start is ignored.
    whole = paste(DIGEST, boundaries="1", start=[str(starts[1] + 3), "x", "9" * 40])
    assert len(whole.context["stories"]) == 1
    assert whole.context["stories"][0]["extraction"].record.text == DIGEST.strip()


def test_stories_saved_from_moved_boundaries_hold_the_text_chosen(paste, ministers):
    starts = ticked(paste(DIGEST))
    chosen = {"boundaries": "1", "start": [starts[0], *starts[2:]]}
    response = paste(DIGEST, **chosen)
    data = story_data(response)
    data.pop("text")
    data["story1-published_on"] = "2025-04-15"
    data["story1-title"] = "The Joint Staff and the exercise calendar"
    data["story2-title"] = "Foreign ministers on the borders"
    response = paste(DIGEST, **data, **chosen)
    assert response.status_code == 302
    items = list(NewsItem.objects.order_by("published_on"))
    assert len(items) == 3
    assert "On 14 and 15 April 2025" in items[0].text and "On April 16" not in items[0].text
    assert items[0].text.startswith("On 3 March")


@pytest.mark.django_db
def test_a_long_page_lists_its_first_lines_and_every_proposed_start():
    page = "\n".join(f"Line {number} of the programme" for number in range(30)) + "\n\n" + DIGEST
    extractions = extract_stories(Record(id="long", text=page), Linker.current())
    lines, unlisted = story_lines(page, extractions, most=10)
    starts = [page.index(extraction.record.text) for extraction in extractions]
    assert [line.offset for line in lines if line.starts] == starts
    assert [line.text for line in lines[:10]] == [f"Line {n} of the programme" for n in range(10)]
    total = len([line for line in page.splitlines() if line.strip()])
    assert unlisted == total - len(lines) > 0
