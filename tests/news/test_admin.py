import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertFormError

from news.models import NewsItem, PendingChange, Statement, Status


def change_url(item):
    return reverse("admin:news_newsitem_change", args=[item.pk])


def test_editor_adds_item_then_edits_it_and_history_has_both(
    editor_client, editor, news_form, add_url, council, ministers, official
):
    response = editor_client.post(add_url, news_form())
    assert response.status_code == 302, response.content
    item = NewsItem.objects.get(slug="ministers-met-in-almaty")
    assert item.created_by == editor

    response = editor_client.post(
        change_url(item),
        news_form(
            seen_version=item.version,
            text="The ministers met and agreed.",
            bodies=[council.pk],
            change_reason="Fixed the text",
            change_kind="substantive",
        ),
    )
    assert response.status_code == 302, response.content

    first, second = item.history.order_by("history_date", "history_id")
    assert item.history.count() == 2
    assert (first.history_type, second.history_type) == ("+", "~")
    assert first.history_user == second.history_user == editor
    assert (first.history_change_reason, second.history_change_reason) == (
        "Created",
        "Fixed the text",
    )
    assert first.text == "The ministers met and talked."
    assert second.text == "The ministers met and agreed."
    # The many-to-many links are part of each version.
    assert {row.body for row in first.bodies.all()} == {council, ministers}
    assert {row.body for row in second.bodies.all()} == {council}
    assert {row.official for row in first.officials.all()} == {official}
    assert (first.change_kind, second.change_kind) == ("", "substantive")
    delta = second.diff_against(first)
    assert set(delta.changed_fields) == {"text", "bodies"}


def test_history_page_shows_the_versions(editor_client, news_form, add_url):
    editor_client.post(add_url, news_form())
    item = NewsItem.objects.get()
    editor_client.post(
        change_url(item),
        news_form(
            seen_version=item.version,
            text="Edited text.",
            change_reason="Typo",
            change_kind="minor",
        ),
    )
    response = editor_client.get(reverse("admin:news_newsitem_history", args=[item.pk]))
    assertContains(response, "Typo")
    assertContains(response, "Created")


def test_change_needs_a_reason(editor_client, news_form, add_url):
    editor_client.post(add_url, news_form())
    item = NewsItem.objects.get()
    response = editor_client.post(
        change_url(item), news_form(seen_version=item.version, text="Changed without reason.")
    )
    assert response.status_code == 200
    assertFormError(
        response.context["adminform"].form,
        "change_reason",
        "Say briefly why you are changing this record.",
    )
    item.refresh_from_db()
    assert item.text == "The ministers met and talked."


def test_editor_posting_a_status_creates_a_draft(editor_client, news_form, add_url):
    # An Editor's form has no status field: a status posted anyway is not read.
    assert editor_client.post(add_url, news_form(status="published")).status_code == 302
    assert NewsItem.objects.get().status == Status.DRAFT


def test_editor_posting_a_status_leaves_a_published_item_published(
    editor_client, news_form, make_item
):
    item = make_item(slug="ministers-met-in-almaty")
    response = editor_client.post(
        change_url(item),
        news_form(
            seen_version=item.version, status="draft", change_reason="hide", change_kind="minor"
        ),
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED


def test_editor_change_to_a_published_item_waits_for_review(editor_client, news_form, make_item):
    item = make_item(slug="ministers-met-in-almaty")
    response = editor_client.post(
        change_url(item),
        news_form(
            seen_version=item.version,
            title="New title",
            change_reason="Title",
            change_kind="minor",
        ),
    )
    assert response.status_code == 302
    title = item.title
    item.refresh_from_db()
    assert (item.title, item.status) == (title, Status.PUBLISHED)
    assert PendingChange.objects.get().values["title"] == "New title"


def test_publisher_can_publish_through_the_form(publisher_client, news_form, add_url):
    assert publisher_client.post(add_url, news_form(status="published")).status_code == 302
    assert NewsItem.objects.get().status == Status.PUBLISHED


@pytest.mark.parametrize("model", ["newsitem", "statement"])
def test_editor_is_not_offered_the_publish_action(editor_client, make_item, make_statement, model):
    obj = (
        make_item(status=Status.DRAFT)
        if model == "newsitem"
        else make_statement(status=Status.DRAFT)
    )
    url = reverse(f"admin:news_{model}_changelist")
    page = editor_client.get(url)
    assert b'value="publish"' not in page.content
    assert b'value="submit_for_review"' in page.content
    editor_client.post(url, {"action": "publish", "_selected_action": [obj.pk]})
    obj.refresh_from_db()
    assert obj.status == Status.DRAFT
    editor_client.post(url, {"action": "submit_for_review", "_selected_action": [obj.pk]})
    obj.refresh_from_db()
    assert obj.status == Status.IN_REVIEW


@pytest.mark.parametrize("model", ["newsitem", "statement"])
def test_publisher_publish_and_unpublish_actions(
    publisher_client, make_item, make_statement, model
):
    obj = (
        make_item(status=Status.DRAFT)
        if model == "newsitem"
        else make_statement(status=Status.DRAFT)
    )
    url = reverse(f"admin:news_{model}_changelist")
    publisher_client.post(url, {"action": "publish", "_selected_action": [obj.pk]})
    obj.refresh_from_db()
    assert obj.status == Status.PUBLISHED
    publisher_client.post(url, {"action": "unpublish", "_selected_action": [obj.pk]})
    obj.refresh_from_db()
    assert obj.status == Status.WITHDRAWN
    assert [h.history_change_reason for h in obj.history.order_by("history_date")][-2:] == [
        "Published",
        "Unpublished",
    ]


def test_duplicate_slug_on_a_date_is_a_form_error(editor_client, news_form, add_url, make_item):
    make_item(slug="ministers-met-in-almaty")
    response = editor_client.post(add_url, news_form())
    assert response.status_code == 200
    assertContains(response, "Another news item of this date already has this slug.")
    assert NewsItem.objects.count() == 1


def test_duplicate_source_url_is_a_form_error(editor_client, news_form, add_url, make_item):
    make_item(source_url="https://example.org/news/1")
    response = editor_client.post(add_url, news_form(source_url="https://example.org/news/1"))
    assert response.status_code == 200
    assertContains(response, "This source URL is already in the archive.")


@pytest.mark.parametrize(
    ("field", "value"),
    [("published_on", "2024-02-31"), ("source_url", "not a url"), ("slug", "no spaces allowed")],
)
def test_bad_input_is_a_form_error(editor_client, news_form, add_url, field, value):
    response = editor_client.post(add_url, news_form(**{field: value}))
    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
    assert not NewsItem.objects.exists()


def test_statement_added_with_history(editor_client, editor, official, council):
    response = editor_client.post(
        reverse("admin:news_statement_add"),
        {
            "speaker": official.pk,
            "said_on": "2024-06-06",
            "language": "en",
            "status": "draft",
            "text": "He said the plan was agreed.",
            "place": "",
            "body": council.pk,
            "news_item": "",
            "change_reason": "",
        },
    )
    assert response.status_code == 302
    statement = Statement.objects.get()
    assert statement.history.get().history_user == editor


@pytest.mark.parametrize("model", ["newsitem", "statement"])
def test_changelist_and_add_form_queries_are_bounded(
    editor_client,
    make_item,
    make_statement,
    council,
    ministers,
    django_assert_max_num_queries,
    model,
):
    for _ in range(30):
        make_item(bodies=[council, ministers])
        make_statement(body=council)
    with django_assert_max_num_queries(15):
        assert editor_client.get(reverse(f"admin:news_{model}_changelist")).status_code == 200
    with django_assert_max_num_queries(15):
        assert editor_client.get(reverse(f"admin:news_{model}_add")).status_code == 200


def test_change_needs_its_kind(editor_client, news_form, add_url):
    editor_client.post(add_url, news_form())
    item = NewsItem.objects.get()
    response = editor_client.post(
        change_url(item),
        news_form(seen_version=item.version, text="Changed.", change_reason="Reworded"),
    )
    assertFormError(
        response.context["adminform"].form,
        "change_kind",
        "Say whether this change is minor or substantive.",
    )
    assert item.history.count() == 1


def test_a_refused_save_names_the_record_as_saved(editor_client, news_form, make_item):
    """The heading and breadcrumb show the saved title, not the unsaved input."""
    item = make_item(status=Status.DRAFT)
    response = editor_client.post(
        change_url(item), news_form(seen_version=item.version, title="Unsaved new title")
    )
    assert response.status_code == 200  # no reason given: refused
    page = response.content.decode()
    breadcrumbs = page.split('class="breadcrumbs"', 1)[1].split("</div>", 1)[0]
    assert item.title in breadcrumbs
    assert "Unsaved new title" not in breadcrumbs
    assert f"<h2>{item.title}</h2>" in page
    assert 'value="Unsaved new title"' in page  # the input is kept for the editor


def test_ensure_admin_prints_the_port_it_is_given(db, settings, capsys):
    from django.core.management import call_command

    settings.LOCAL_ADMIN_ALLOWED = True
    call_command("ensure_admin", "--port", "8042")
    assert "http://127.0.0.1:8042/admin/" in capsys.readouterr().out
