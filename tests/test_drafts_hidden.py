"""Drafts never reach anonymous readers, on any page, feed, count or cached copy.

The archive holds, besides one published item and statement that every page may show:
a draft news item and a draft statement (sharing an invented word, in a year no published
text has, linked to a body, an official and a state), a published item and a published
statement that were corrected and then unpublished, a draft translation of the
published item, an item in review, and an Editor's pending changes to the published item
and statement (their title, text and links), which wait for a Publisher. Anonymous
readers must not find any of their words, addresses or counts; an Editor sees them where
staff are meant to (the pages built on `visible_to`).
"""

import datetime
from email.utils import format_datetime

import pytest
from django.test import Client
from django.utils import timezone, translation

from core.history import ChangeKind, revision
from news import review
from news.models import NewsItem, Statement, Status
from people.models import Body, Meeting, Official

SECRET_YEAR = 2019
DRAFT_WORD = "zyqwerth"
UNPUBLISHED_WORD = "vorblatt"
TRANSLATION_WORD = "kvortex"
PENDING_WORD = "plimsoq"
REVIEW_WORD = "drovelt"
SECRETS = [DRAFT_WORD, UNPUBLISHED_WORD, TRANSLATION_WORD, PENDING_WORD, REVIEW_WORD]
VISIBLE_TITLE = "Council met in Minsk"


@pytest.fixture
def archive(make_item, make_statement, council, official, kazakhstan, publisher, editor):
    """Return the archive's objects by name: what is public and what is not."""
    visible = make_item(
        title=VISIBLE_TITLE,
        slug="council-met-in-minsk",
        published_on=datetime.date(2024, 6, 6),
        bodies=[council],
    )
    visible.officials.add(official)
    visible.states.add(kazakhstan)
    visible_statement = make_statement(text="The members agreed on a joint plan.", body=council)

    # An Editor's changes to both, waiting for review: nothing of them is public yet.
    # A body of its own, linked in the pending change only.
    reviewer_body = Body.objects.create(
        name="Joint Review Committee", slug="joint-review-committee"
    )
    proposed_item = NewsItem.objects.get(pk=visible.pk)
    proposed_item.title = f"Council met in Minsk about {PENDING_WORD}"
    proposed_item.text = f"The council discussed the {PENDING_WORD} question."
    review.propose(
        visible,
        proposed_item,
        {"bodies": [council.pk, reviewer_body.pk]},
        user=editor,
        reason=f"Added the {PENDING_WORD} question",
        kind=ChangeKind.SUBSTANTIVE,
    )
    proposed_statement = Statement.objects.get(pk=visible_statement.pk)
    proposed_statement.text = f"The members agreed on a joint {PENDING_WORD} plan."
    review.propose(
        visible_statement,
        proposed_statement,
        {},
        user=editor,
        reason=f"The {PENDING_WORD} plan",
        kind=ChangeKind.SUBSTANTIVE,
    )
    in_review = make_item(
        title=f"The {REVIEW_WORD.capitalize()} talks",
        slug=f"{REVIEW_WORD}-talks",
        published_on=datetime.date(2024, 6, 9),
        text=f"Talks about {REVIEW_WORD}, submitted for review.",
        status=Status.IN_REVIEW,
        bodies=[council],
    )

    draft = make_item(
        title=f"The {DRAFT_WORD.capitalize()} plan reviewed",
        slug=f"{DRAFT_WORD}-early",
        published_on=datetime.date(SECRET_YEAR, 4, 4),
        lead=f"A lead about {DRAFT_WORD}.",
        text=f"The council reviewed the {DRAFT_WORD} plan behind closed doors.",
        status=Status.DRAFT,
        bodies=[council],
    )
    draft.officials.add(official)
    draft.states.add(kazakhstan)
    with revision(draft, reason="Better slug"):
        draft.slug = f"{DRAFT_WORD}-plan-reviewed"
        draft.save()
    draft_statement = make_statement(
        text=f"Words about the {DRAFT_WORD} plan, not to be read yet.",
        said_on=datetime.date(SECRET_YEAR, 4, 4),
        body=council,
        news_item=visible,
        status=Status.DRAFT,
    )

    withdrawn = make_item(
        title=f"The {UNPUBLISHED_WORD.capitalize()} report",
        slug=f"{UNPUBLISHED_WORD}-report",
        published_on=datetime.date(2024, 6, 7),
        text=f"A report about {UNPUBLISHED_WORD} that was withdrawn.",
        bodies=[council],
    )
    withdrawn.officials.add(official)
    withdrawn_statement = make_statement(
        text=f"Words about {UNPUBLISHED_WORD}, later withdrawn.", body=council
    )
    for obj in (withdrawn, withdrawn_statement):
        with revision(
            obj, reason=f"Corrected the {UNPUBLISHED_WORD} date", kind=ChangeKind.SUBSTANTIVE
        ):
            obj.text += " Corrected."
            obj.save()
        type(obj).objects.filter(pk=obj.pk).set_status(
            Status.DRAFT, user=publisher, reason="Withdrawn"
        )
        obj.refresh_from_db()

    translation = make_item(
        title=f"{TRANSLATION_WORD.capitalize()}: Совет собрался в Минске",
        slug=f"{TRANSLATION_WORD}-translation",
        published_on=datetime.date(2024, 6, 6),
        language="ru",
        text=f"Перевод {TRANSLATION_WORD}.",
        translation_of=visible,
        status=Status.DRAFT,
        bodies=[council],
    )
    # A published Russian version of the draft: its page must not lead to the draft.
    published_translation = make_item(
        title="Совет рассмотрел план",
        slug="sovet-rassmotrel-plan",
        published_on=datetime.date(2024, 6, 8),
        language="ru",
        text="Совет рассмотрел план.",
        translation_of=draft,
    )
    # A meeting every text above reports: its pages, feeds and records list the public ones.
    meeting = Meeting.objects.create(
        body=council, slug="council-2024-06-06", date=datetime.date(2024, 6, 6), place="Minsk"
    )
    for obj in (visible, draft, withdrawn, translation, visible_statement, draft_statement):
        type(obj).objects.filter(pk=obj.pk).update(meeting=meeting)
    withdrawn_statement.refresh_from_db()
    type(withdrawn_statement).objects.filter(pk=withdrawn_statement.pk).update(meeting=meeting)
    return {
        "meeting": meeting,
        "published_translation": published_translation,
        "visible": visible,
        "visible_statement": visible_statement,
        "draft": draft,
        "draft_statement": draft_statement,
        "withdrawn": withdrawn,
        "withdrawn_statement": withdrawn_statement,
        "translation": translation,
        "in_review": in_review,
        "council": council,
        "official": official,
        "state": kazakhstan,
    }


def hidden_records(archive):
    return [
        archive[name]
        for name in (
            "draft",
            "draft_statement",
            "withdrawn",
            "withdrawn_statement",
            "translation",
            "in_review",
        )
    ]


def public_pages(archive):
    """Every public address that lists or links texts, with and without filters."""
    with translation.override("en"):  # a request to a /ru/ page leaves Russian active
        return english_pages(archive) + ["/ru" + page for page in english_pages(archive)]


def english_pages(archive):
    council, official, state = archive["council"], archive["official"], archive["state"]
    pages = [
        "/",
        "/news/",
        f"/news/?q={DRAFT_WORD}",
        f"/news/?q={UNPUBLISHED_WORD}",
        f"/news/?q={TRANSLATION_WORD}",
        f"/news/?body={council.slug}",
        f"/news/?official={official.slug}",
        f"/news/?state={state.slug}",
        "/news/?language=ru",
        "/news/2024/",
        f"/news/{SECRET_YEAR}/",
        f"/news/?year={SECRET_YEAR}&body={council.slug}",
        "/statements/",
        f"/statements/?q={DRAFT_WORD}",
        f"/statements/?speaker={official.slug}",
        f"/statements/?body={council.slug}",
        f"/statements/?year={SECRET_YEAR}",
        "/officials/",
        "/bodies/",
        "/states/",
        council.get_absolute_url(),
        official.get_absolute_url(),
        state.get_absolute_url(),
        archive["visible"].get_absolute_url(),
        archive["visible"].get_history_url(),
        archive["published_translation"].get_absolute_url(),
        archive["visible_statement"].get_absolute_url(),
        archive["visible_statement"].get_history_url(),
        "/corrections/",
        "/meetings/",
        f"/meetings/?body={council.slug}&year=2024",
        archive["meeting"].get_absolute_url(),
        "/documents/",
    ]
    return pages


def machine_pages(archive):
    """Feeds, downloads, the API and the sitemap: the same for everyone, logged in or not."""
    council, official = archive["council"], archive["official"]
    visible, statement = archive["visible"], archive["visible_statement"]
    return [
        "/feeds/meetings/",
        "/meetings/calendar.ics",
        f"/api/meetings/{archive['meeting'].pk}/",
        f"/api/meetings/?body={council.slug}",
        "/api/popolo.json",
        "/feeds/news/",
        f"/feeds/news/?q={DRAFT_WORD}",
        f"/feeds/news/?year={SECRET_YEAR}",
        f"/bodies/{council.slug}/feed/",
        f"/officials/{official.slug}/feed/",
        "/corrections/feed/",
        "/ru/feeds/news/",
        "/ru/corrections/feed/",
        "/sitemap.xml",
        "/api/news/",
        f"/api/news/?q={DRAFT_WORD}",
        f"/api/news/?year={SECRET_YEAR}",
        f"/api/news/?body={council.slug}",
        f"/api/news/{visible.pk}/",
        f"/api/news/{archive['published_translation'].pk}/",
        "/api/statements/",
        f"/api/statements/?speaker={official.slug}",
        f"/api/statements/{statement.pk}/",
        "/api/popolo.json",
    ]


def download_pages(archive):
    """The CSV and JSON downloads of the lists, for anonymous readers."""
    return [
        "/news/?format=csv",
        "/news/?format=json",
        f"/news/?format=csv&q={DRAFT_WORD}",
        f"/news/?format=json&year={SECRET_YEAR}",
        f"/news/?format=csv&body={archive['council'].slug}",
        "/statements/?format=csv",
        "/statements/?format=json",
        "/meetings/?format=json",
        "/meetings/?format=csv",
    ]


def secret_addresses(archive):
    """The addresses of the hidden records and their history and comparison pages."""
    addresses = []
    translation.activate("en")
    for obj in hidden_records(archive):
        api = "news" if isinstance(obj, NewsItem) else "statements"
        addresses += [
            obj.get_absolute_url(),
            obj.get_history_url(),
            f"{obj.get_history_url()}?from=1&to=2",
            f"/api/{api}/{obj.pk}/",
        ]
    return addresses


def assert_nothing_hidden(response, archive, *, query=""):
    """The page names no hidden record: no title, text, slug, address or invented word.

    A search page repeats its own query; that word alone is allowed there.
    """
    where = response.request["PATH_INFO"]
    page = body(response)
    for obj in hidden_records(archive):
        assert obj.get_absolute_url() not in page, (where, obj)
        assert obj.text[:30] not in page, (where, obj)
        if isinstance(obj, NewsItem):
            assert obj.title not in page, (where, obj)
            assert obj.slug not in page, (where, obj.slug)
    lowered = page.lower().replace(query.lower(), "") if query else page.lower()
    for word in SECRETS:
        assert word not in lowered, (where, word)
    assert f">{SECRET_YEAR}</a>" not in page, where  # no year facet


def body(response):
    """Return a response's text, streamed (downloads) or not."""
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def query_of(url):
    return url.partition("q=")[2].partition("&")[0] if "q=" in url else ""


# --- Anonymous readers ---------------------------------------------------------------------


def test_anonymous_pages_name_no_hidden_record(client, archive):
    for url in public_pages(archive):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_nothing_hidden(response, archive, query=query_of(url))


def test_anonymous_pages_still_show_what_is_published(client, archive):
    """The pages above are checked with published texts on them, so an empty page fails."""
    for url in [
        "/",
        "/news/",
        "/news/2024/",
        archive["council"].get_absolute_url(),
        archive["meeting"].get_absolute_url(),
    ]:
        assert VISIBLE_TITLE in client.get(url).content.decode(), url
    for url in ["/statements/", archive["official"].get_absolute_url()]:
        assert "joint plan" in client.get(url).content.decode(), url
    for url in ("/feeds/news/", "/api/news/", "/news/?format=csv"):
        assert VISIBLE_TITLE in body(client.get(url)), url
    assert archive["visible"].get_absolute_url() in client.get("/sitemap.xml").content.decode()


def test_the_check_finds_a_draft_on_a_page_that_shows_it(editor_client, archive):
    """assert_nothing_hidden can fail: an Editor's list names the draft."""
    with pytest.raises(AssertionError):
        assert_nothing_hidden(editor_client.get("/news/"), archive)
    with pytest.raises(AssertionError):
        assert_nothing_hidden(
            editor_client.get(f"/news/?q={DRAFT_WORD}"), archive, query=DRAFT_WORD
        )


def test_anonymous_feeds_api_and_sitemap_name_no_hidden_record(client, archive):
    for url in machine_pages(archive) + download_pages(archive):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_nothing_hidden(response, archive, query=query_of(url))


def test_anonymous_gets_404_for_hidden_records_and_their_history(client, archive):
    for url in secret_addresses(archive):
        for address in (url, "/ru" + url):
            response = client.get(address)
            assert response.status_code == 404, address
            assert_nothing_hidden(response, archive)


def test_former_address_of_a_draft_does_not_redirect_anonymous(client, archive):
    old = f"/news/{SECRET_YEAR}/4/4/{DRAFT_WORD}-early/"
    assert client.get(old).status_code == 404


def test_conditional_request_for_a_draft_is_404_not_304(client, archive):
    later = format_datetime(timezone.now() + datetime.timedelta(days=1), usegmt=True)
    for obj in (archive["draft"], archive["draft_statement"]):
        response = client.get(obj.get_absolute_url(), HTTP_IF_MODIFIED_SINCE=later)
        assert response.status_code == 404


def test_search_finds_nothing_hidden(client, archive):
    for url in (f"/news/?q={DRAFT_WORD}", f"/statements/?q={DRAFT_WORD}"):
        response = client.get(url)
        assert response.context["paginator"].count == 0, url
    assert client.get(f"/news/?q={UNPUBLISHED_WORD}").context["paginator"].count == 0
    for url in (
        f"/news/?q={PENDING_WORD}",
        f"/statements/?q={PENDING_WORD}",
        f"/news/?q={REVIEW_WORD}",
    ):
        assert client.get(url).context["paginator"].count == 0, url


def test_pending_changes_wait_unseen_and_the_published_text_stays(client, archive):
    """Readers see the published item and statement as they were, on their own pages and
    their history, until a Publisher approves."""
    for obj in (archive["visible"], archive["visible_statement"]):
        for url in (obj.get_absolute_url(), obj.get_history_url()):
            page = client.get(url).content.decode()
            assert obj.text in page or url.endswith("/history/"), url
            assert PENDING_WORD not in page.lower(), url
    item_page = client.get(archive["visible"].get_absolute_url()).content.decode()
    assert "/bodies/joint-review-committee/" not in item_page
    assert client.get("/bodies/joint-review-committee/").context["chart"] == []


def test_a_withdrawn_text_with_a_note_shows_the_note_only(client, archive, publisher):
    obj = archive["in_review"]
    review.move(obj, Status.PUBLISHED, user=publisher)
    review.move(obj, Status.WITHDRAWN, user=publisher, note="Withdrawn at the source's request.")
    for address in (obj.get_absolute_url(), "/ru" + obj.get_absolute_url()):
        response = client.get(address)
        assert response.status_code == 410, address
        page = response.content.decode()
        assert "Withdrawn at the source&#x27;s request." in page
        # The page names its own address (the reader typed it), nothing of the text.
        assert obj.title not in page
        assert obj.text[:20] not in page
    assert client.get(obj.get_history_url()).status_code == 404


# The sidebar counts years and bodies on a filtered list (here: texts in English).
FACETED = "/news/?language=en"


def facet_counts(response):
    return (
        {facet.label: facet.count for facet in response.context["year_facets"]},
        {facet.label: facet.count for facet in response.context["body_facets"]},
    )


def test_facet_counts_count_published_items_only(client, archive):
    council = archive["council"]
    years, bodies = facet_counts(client.get(FACETED))
    published = NewsItem.objects.published().filter(language="en")
    assert str(SECRET_YEAR) not in years
    assert years == {"2024": published.filter(published_on__year=2024).count()}
    assert bodies == {council.display_name: published.filter(bodies=council).count()}
    assert bodies[council.display_name] == 1  # the draft, the withdrawn item and the translation
    assert client.get(f"/news/{SECRET_YEAR}/").context["paginator"].count == 0


def test_a_speaker_of_drafts_only_is_no_choice_of_the_statement_filter(client, archive, kazakhstan):
    quiet = Official.objects.create(name="Quentin Draftov", slug="quentin-draftov")
    Statement.objects.create(
        speaker=quiet, text="Not yet.", said_on=datetime.date(2024, 1, 1), language="en"
    )
    page = client.get("/statements/").content.decode()
    assert f'value="{archive["official"].slug}"' in page  # speakers of published ones are
    assert 'value="quentin-draftov"' not in page
    assert client.get("/statements/?speaker=quentin-draftov").context["paginator"].count == 0


def test_body_chart_and_official_count_leave_out_hidden_items(client, archive):
    chart = client.get(archive["council"].get_absolute_url()).context["chart"]
    assert [(year, count) for year, count, _percent in chart] == [(2024, 1)]
    assert client.get(archive["official"].get_absolute_url()).context["news_total"] == 1


# --- Staff ------------------------------------------------------------------------------------


def test_editor_sees_drafts_where_staff_may(editor_client, archive):
    draft, statement = archive["draft"], archive["draft_statement"]
    for url in (
        "/news/",
        f"/news/?q={DRAFT_WORD}",
        f"/news/{SECRET_YEAR}/",
        archive["council"].get_absolute_url(),
        archive["official"].get_absolute_url(),
        archive["state"].get_absolute_url(),
        archive["meeting"].get_absolute_url(),
    ):
        assert draft.get_absolute_url() in editor_client.get(url).content.decode(), url
    for url in (draft.get_absolute_url(), draft.get_history_url()):
        assert editor_client.get(url).status_code == 200, url
    assert editor_client.get(statement.get_absolute_url()).status_code == 200
    visible = editor_client.get(archive["visible"].get_absolute_url()).content.decode()
    assert archive["translation"].get_absolute_url() in visible
    assert statement.get_absolute_url() in visible
    years, bodies = facet_counts(editor_client.get(FACETED))
    # The draft, the withdrawn item and the item in review besides the published one.
    assert years == {"2024": 3, str(SECRET_YEAR): 1}
    assert bodies == {archive["council"].display_name: 4}


def test_feeds_api_and_sitemap_stay_public_for_editors(editor_client, archive):
    for url in machine_pages(archive):
        assert_nothing_hidden(editor_client.get(url), archive, query=query_of(url))


# --- The page cache and the cached counts -------------------------------------------------------


def test_pages_an_editor_saw_first_are_still_clean_for_anonymous(client, editor, archive):
    staff = Client()
    staff.force_login(editor)
    for url in public_pages(archive):
        staff.get(url)
    test_anonymous_pages_name_no_hidden_record(client, archive)
    years, bodies = facet_counts(client.get(FACETED))
    assert years == {"2024": 1}
    assert bodies == {archive["council"].display_name: 1}


def test_pages_anonymous_saw_first_still_show_drafts_to_an_editor(client, editor, archive):
    for url in public_pages(archive):
        client.get(url)
    staff = Client()
    staff.force_login(editor)
    response = staff.get(FACETED)
    assert archive["draft"].get_absolute_url() in response.content.decode()
    assert facet_counts(response)[0] == {"2024": 3, str(SECRET_YEAR): 1}
    statements = staff.get(f"/statements/?year={SECRET_YEAR}")
    assert archive["draft_statement"].get_absolute_url() in statements.content.decode()


def test_meeting_records_list_the_ids_of_published_texts_only(client, editor_client, archive):
    meeting = archive["meeting"]
    public = {
        "news_items": [archive["visible"].pk],
        "statements": [archive["visible_statement"].pk],
    }
    for reader in (Client(), editor_client):
        record = reader.get(f"/api/meetings/{meeting.pk}/").json()
        assert {name: record[name] for name in public} == public
    rows = body(Client().get("/meetings/?format=json"))
    assert f'"news_items": [{archive["visible"].pk}]' in rows
