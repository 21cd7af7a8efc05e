"""Deleted news items and statements come back from the admin with their links."""

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from core.history import RestoreError, restore_deleted
from news.models import NewsItem, Statement, Status

# The one field a restore changes: the time of the last change is the restore's.
CHANGING = {"updated_at"}


def snapshot(obj):
    """Return every stored field and link of an object, as the database holds it."""
    obj = type(obj).objects.get(pk=obj.pk)
    values = {
        field.attname: getattr(obj, field.attname)
        for field in obj._meta.concrete_fields
        if field.attname not in CHANGING
    }
    links = {
        field.name: sorted(getattr(obj, field.name).values_list("pk", flat=True))
        for field in obj._meta.many_to_many
    }
    return values, links


def delete_in_admin(client, obj):
    opts = obj._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[obj.pk])
    response = client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not type(obj).objects.filter(pk=obj.pk).exists()


def restore_in_admin(client, model, pk):
    opts = model._meta
    return client.post(reverse(f"admin:{opts.app_label}_{opts.model_name}_restore", args=[pk]))


@pytest.fixture
def linked_item(make_item, council, ministers, official, kazakhstan, admin_user):
    """A published item whose links changed after it was created."""
    from core.history import revision

    item = make_item(title="Council met in Minsk", bodies=[council])
    with revision(item, user=admin_user, reason="Linked the ministers and the speaker"):
        item.lead = "The council and the ministers met."
        item.save()
        item.bodies.set([council, ministers])
        item.officials.set([official])
        item.states.set([kazakhstan])
    return item


def test_a_deleted_item_comes_back_with_its_fields_and_links(admin_client, linked_item):
    before = snapshot(linked_item)
    assert before[1]["bodies"] and before[1]["officials"] and before[1]["states"]
    delete_in_admin(admin_client, linked_item)

    response = restore_in_admin(admin_client, NewsItem, linked_item.pk)

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:news_newsitem_change", args=[linked_item.pk])
    assert snapshot(linked_item) == before  # zero differences, links included
    history = list(linked_item.history.order_by("history_date", "history_id"))
    assert history[0].history_type == "+"
    assert [row.history_type for row in history[-2:]] == ["-", "+"]
    assert history[-1].history_change_reason == "Restored"
    assert {row.body_id for row in history[-1].bodies.all()} == set(before[1]["bodies"])


def test_the_public_page_is_back_after_a_restore(admin_client, client, linked_item):
    url = linked_item.get_absolute_url()
    delete_in_admin(admin_client, linked_item)
    assert client.get(url).status_code == 404
    restore_in_admin(admin_client, NewsItem, linked_item.pk)
    assertContains(client.get(url), "Council met in Minsk")


def test_the_deleted_list_offers_what_can_be_restored(admin_client, linked_item, make_item):
    kept = make_item(title="Still here")
    delete_in_admin(admin_client, linked_item)
    url = reverse("admin:news_newsitem_deleted")
    response = admin_client.get(url)
    assertContains(response, "Council met in Minsk")
    assertNotContains(response, kept.title)
    assertContains(admin_client.get(reverse("admin:news_newsitem_changelist")), url)

    restore_url = reverse("admin:news_newsitem_restore", args=[linked_item.pk])
    assertContains(response, f'action="{restore_url}"')
    restore_in_admin(admin_client, NewsItem, linked_item.pk)
    assertNotContains(admin_client.get(url), f'action="{restore_url}"')


def test_restoring_twice_or_by_get_changes_nothing(admin_client, linked_item):
    delete_in_admin(admin_client, linked_item)
    url = reverse("admin:news_newsitem_restore", args=[linked_item.pk])
    assert admin_client.get(url).status_code == 405
    assert not NewsItem.objects.filter(pk=linked_item.pk).exists()
    restore_in_admin(admin_client, NewsItem, linked_item.pk)
    response = restore_in_admin(admin_client, NewsItem, linked_item.pk)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:news_newsitem_deleted")
    assert NewsItem.objects.filter(pk=linked_item.pk).count() == 1
    assert linked_item.history.filter(history_change_reason="Restored").count() == 1


def test_an_editor_gets_a_published_item_back_as_a_draft(admin_client, editor_client, linked_item):
    delete_in_admin(admin_client, linked_item)
    response = restore_in_admin(editor_client, NewsItem, linked_item.pk)
    assert response.status_code == 302
    restored = NewsItem.objects.get(pk=linked_item.pk)
    assert restored.status == Status.DRAFT
    assert restored.bodies.count() == 2


def test_a_statement_whose_news_item_is_gone_is_refused_clearly(
    admin_client, make_statement, make_item
):
    report = make_item(title="The report")
    statement = make_statement(news_item=report)
    delete_in_admin(admin_client, statement)
    report.delete()

    response = restore_in_admin(admin_client, Statement, statement.pk)
    assert response.status_code == 302
    assert not Statement.objects.filter(pk=statement.pk).exists()
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("news item" in m and "not a valid choice" in m for m in messages), messages


def test_a_statement_comes_back_unchanged(admin_client, make_statement, make_item):
    statement = make_statement(news_item=make_item(title="The report"), place="Minsk")
    before = snapshot(statement)
    delete_in_admin(admin_client, statement)
    restore_in_admin(admin_client, Statement, statement.pk)
    assert snapshot(statement) == before


def test_a_slug_taken_since_blocks_the_restore(admin_client, linked_item, make_item):
    delete_in_admin(admin_client, linked_item)
    make_item(slug=linked_item.slug, published_on=linked_item.published_on, title="Newcomer")
    with pytest.raises(RestoreError):
        restore_deleted(NewsItem, linked_item.pk, user=None)
    assert NewsItem.objects.filter(title=linked_item.title).count() == 0


def test_restoring_needs_the_add_permission(client, django_user_model, linked_item, admin_client):
    delete_in_admin(admin_client, linked_item)
    reader = django_user_model.objects.create_user("reader", password="x", is_staff=True)
    client.force_login(reader)
    assert restore_in_admin(client, NewsItem, linked_item.pk).status_code == 403
    assert client.get(reverse("admin:news_newsitem_deleted")).status_code == 403
    assert not NewsItem.objects.filter(pk=linked_item.pk).exists()


def test_model_to_dict_sees_the_same_item(admin_client, linked_item):
    """The admin form of the restored item shows the links it had."""
    before = model_to_dict(linked_item)
    delete_in_admin(admin_client, linked_item)
    restore_in_admin(admin_client, NewsItem, linked_item.pk)
    after = model_to_dict(NewsItem.objects.get(pk=linked_item.pk))
    assert after == before
