"""Subscribing: the contract's POST, double opt-in, signed links, limits, privacy."""

import datetime

import pytest
from django.core import signing
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alerts import tokens
from alerts.models import Subscription
from news.models import NewsItem
from tests.support.smtp import body_text, links

from .conftest import first_site_link


def test_post_creates_an_unconfirmed_subscription_and_mails_the_link(
    client, mailbox, council, subscribe
):
    message = subscribe(email=" Reader@Example.org ", body=council.slug, year="2024")
    subscription = Subscription.objects.get()
    assert subscription.email == "reader@example.org"
    assert subscription.state == Subscription.State.PENDING
    assert subscription.filters == {"body": [council.slug], "year": "2024"}
    assert subscription.language == "en"
    assert message["To"] == "reader@example.org"
    assert "Collective Security Council" in body_text(message)
    assert links(message)[0].startswith("http://testserver/alerts/confirm/")


def test_the_first_link_confirms_and_nothing_is_sent_before(
    client, mailbox, council, subscribe, confirm
):
    message = subscribe(body=council.slug)
    assert Subscription.objects.active().count() == 0
    response = confirm(message)
    assert "Your alert is on" in response.content.decode()
    subscription = Subscription.objects.get()
    assert subscription.state == Subscription.State.ACTIVE
    assert subscription.sent_until is not None
    assert response["Cache-Control"].count("no-cache") or "private" in response["Cache-Control"]


def test_a_russian_page_makes_a_russian_subscription(client, mailbox, council, subscribe):
    message = subscribe(language_prefix="/ru", body=council.slug)
    assert Subscription.objects.get().language == "ru"
    assert "Подтвердите" in message["Subject"]
    assert first_site_link(message).startswith("http://testserver/ru/alerts/confirm/")


def test_filters_the_list_refuses_are_a_form_error(client, mailbox, db):
    for filters in ({"body": "no-such-body"}, {"year": "abc"}, {"year": "99999"}, {"q": "a\x00b"}):
        response = client.post("/alerts/", {"email": "reader@example.org", **filters})
        assert response.status_code == 400, filters
        assert "These filters could not be used" in response.content.decode()
    assert Subscription.objects.count() == 0
    assert mailbox.messages == []


def test_a_bad_address_or_frequency_is_a_form_error(client, mailbox, council):
    for data in ({"email": "not an address"}, {"email": "a@example.org", "frequency": "hourly"}):
        response = client.post("/alerts/", {"body": council.slug, **data})
        assert response.status_code == 400
        assert 'class="error"' in response.content.decode()
    response = client.post("/alerts/", {"email": "a@example.org", "kind": "nonsense"})
    assert response.status_code == 400
    assert Subscription.objects.count() == 0


def test_filters_are_normalised_so_the_same_search_is_one_subscription(
    client, mailbox, council, ministers, subscribe, confirm
):
    subscribe(body=[ministers.slug, council.slug], q="  border   talks ", page="3", junk="x")
    subscribe(body=[council.slug, ministers.slug, ""], q="border talks")
    subscription = Subscription.objects.get()
    assert subscription.filters == {
        "body": sorted([council.slug, ministers.slug]),
        "q": "border talks",
    }


def test_nobody_changes_an_active_subscription_without_the_inbox(
    client, mailbox, council, subscribe, confirm
):
    confirm(subscribe(body=council.slug))
    # Someone else asks for weekly emails at the same address: nothing changes until the
    # new link is followed.
    message = subscribe(body=council.slug, frequency="weekly")
    assert Subscription.objects.get().frequency == "immediately"
    confirm(message)
    assert Subscription.objects.get().frequency == "weekly"


def test_a_forged_or_expired_confirmation_link_is_refused(client, mailbox, council, subscribe):
    subscribe(body=council.slug)
    subscription = Subscription.objects.get()
    forged = signing.TimestampSigner(salt="other").sign_object({"s": subscription.pk})
    response = client.get(reverse("alerts:confirm", args=[forged]))
    assert response.status_code == 400
    assert "cannot be used" in response.content.decode()

    signer = signing.TimestampSigner(salt=tokens.CONFIRM)
    eight_days_ago = timezone.now() - datetime.timedelta(days=8)
    signer.timestamp = lambda: signing.b62_encode(int(eight_days_ago.timestamp()))
    old = signer.sign_object({"s": subscription.pk, "f": "daily", "l": "en"})
    assert client.get(reverse("alerts:confirm", args=[old])).status_code == 400
    assert Subscription.objects.get().state == Subscription.State.PENDING


def test_unconfirmed_requests_expire_after_seven_days(client, mailbox, council, subscribe):
    from alerts.services import send_due

    subscribe(body=council.slug)
    subscribe(email="other@example.org", body=council.slug)
    Subscription.objects.filter(email="reader@example.org").update(
        requested_at=timezone.now() - datetime.timedelta(days=7, minutes=1)
    )
    send_due()
    assert list(Subscription.objects.values_list("email", flat=True)) == ["other@example.org"]


def test_requests_are_limited_per_address(client, mailbox, council, settings):
    settings.ALERTS_LIMIT_PER_ADDRESS = (2, 3600)
    statuses = [
        client.post("/alerts/", {"email": "victim@example.org", "year": str(2010 + n)}).status_code
        for n in range(4)
    ]
    assert statuses == [302, 302, 429, 429]
    assert len(mailbox.to("victim@example.org")) == 2
    # Another address from the same client is not held back by this one's limit.
    assert client.post("/alerts/", {"email": "b@example.org"}).status_code == 302


def test_requests_are_limited_per_client(mailbox, db, settings):
    settings.ALERTS_LIMIT_PER_CLIENT = (3, 3600)
    one, other = Client(REMOTE_ADDR="10.0.0.1"), Client(REMOTE_ADDR="10.0.0.2")
    statuses = [one.post("/alerts/", {"email": f"r{n}@example.org"}).status_code for n in range(5)]
    assert statuses == [302, 302, 302, 429, 429]
    assert other.post("/alerts/", {"email": "x@example.org"}).status_code == 302
    assert len(mailbox.messages) == 4


def test_the_form_is_on_news_lists_body_and_official_pages(client, council, official, make_item):
    make_item(bodies=[council])
    pages = {
        "/news/": [],
        f"/news/?body={council.slug}&year=2024&q=ministers": [
            ("body", council.slug),
            ("year", "2024"),
            ("q", "ministers"),
        ],
        "/news/2024/": [("year", "2024")],
        council.get_absolute_url(): [("body", council.slug)],
        official.get_absolute_url(): [("official", official.slug)],
    }
    for address, hidden in pages.items():
        page = client.get(address).content.decode()
        assert "Email me new items like these" in page, address
        for name, value in hidden:
            assert f'<input type="hidden" name="{name}" value="{value}">' in page, address
    assert "Email me new items like these" not in client.get("/news/?year=abc").content.decode()


def test_the_form_keeps_list_pages_cacheable(client, council, make_item):
    """No CSRF token, hence no cookie: the page cache still serves the list."""
    make_item(bodies=[council])
    first = client.get(f"/news/?body={council.slug}")
    assert not first.cookies
    assert "csrfmiddlewaretoken" not in first.content.decode()


def test_addresses_never_appear_on_public_pages_or_the_api(
    client, mailbox, council, make_item, subscribe, confirm
):
    make_item(bodies=[council])
    confirm(subscribe(email="secret-reader@example.org", body=council.slug))
    for address in (
        "/news/",
        f"/news/?body={council.slug}",
        "/news/?format=csv",
        "/news/?format=json",
        council.get_absolute_url(),
        "/api/news/",
        "/sitemap.xml",
        "/feeds/news/",
    ):
        response = client.get(address)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert b"secret-reader" not in body, address


def test_only_superusers_see_subscriptions_in_the_admin(
    client, mailbox, council, subscribe, publisher, django_user_model
):
    subscribe(email="secret-reader@example.org", body=council.slug)
    address = reverse("admin:alerts_subscription_changelist")
    client.force_login(publisher)
    assert client.get(address).status_code == 403
    assert b"secret-reader" not in client.get(reverse("admin:index")).content
    root = django_user_model.objects.create_superuser("root", "root@example.org", "pw")
    client.force_login(root)
    response = client.get(address)
    assert response.status_code == 200
    assert b"secret-reader@example.org" in response.content


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_forged_unsubscribe_or_manage_link_is_refused(client, db, method):
    for name in ("alerts:unsubscribe", "alerts:manage"):
        response = getattr(client, method)(reverse(name, args=["42:forged"]))
        assert response.status_code == 400, name


def test_the_form_costs_no_query(client, council, make_item, django_assert_num_queries):
    from django.template import Context, Template
    from django.test import RequestFactory

    from news.filters import NewsFilter

    request = RequestFactory().get("/news/", {"body": council.slug})
    filterset = NewsFilter(request.GET, queryset=NewsItem.objects.published())
    assert filterset.is_valid()  # the page has validated it before the form is drawn
    template = Template("{% load alerts %}{% alert_form %}|{% alert_form body='x' %}")
    with django_assert_num_queries(0):
        html = template.render(Context({"filter": filterset, "request": request}))
    assert f'name="body" value="{council.slug}"' in html
    assert 'name="body" value="x"' in html


def test_the_subscribe_page_shows_what_it_would_follow(
    client, council, django_assert_max_num_queries
):
    client.get("/alerts/", {"body": council.slug})  # the form's choices, once per version
    # The version, the body checked, the body named; nothing grows with the archive. On
    # PostgreSQL a reader's request also sets and resets its statement_timeout (core.budget).
    with django_assert_max_num_queries(6 + (2 if connection.vendor == "postgresql" else 0)):
        response = client.get("/alerts/", {"body": council.slug, "year": "2024"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Collective Security Council" in page and "2024" in page
    assert client.get("/alerts/", {"year": "abc"}).status_code == 200  # shown as an error
    assert (
        "These filters could not be used"
        in client.get("/alerts/", {"year": "abc"}).content.decode()
    )
