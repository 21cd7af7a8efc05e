import re

import pytest
from django.urls import reverse

from alerts.models import Subscription
from tests.support.smtp import links


@pytest.fixture
def subscribe(client, mailbox):
    """POST a subscription as the contract says; return the confirmation email."""

    def post(email="reader@example.org", language_prefix="", **filters):
        before = len(mailbox.messages)
        response = client.post(f"{language_prefix}/alerts/", {"email": email, **filters})
        assert response.status_code == 302, response.content.decode()[:2000]
        return mailbox.wait_for(before + 1)[-1]

    return post


def first_site_link(message, host="testserver"):
    """The first link of an email under the site's host."""
    return next(link for link in links(message) if re.match(rf"https?://{host}[/:]", link))


@pytest.fixture
def confirm(client):
    def follow(message):
        link = first_site_link(message)
        response = client.get(link)
        assert response.status_code == 200, response.content.decode()[:2000]
        return response

    return follow


@pytest.fixture
def unsubscribe_path():
    def path(token):
        return reverse("alerts:unsubscribe", args=[token])

    return path


@pytest.fixture
def active(client, mailbox, subscribe, confirm):
    """Subscribe and confirm; return a function doing it for given filters."""

    def make(language_prefix="", email="reader@example.org", **filters):
        confirm(subscribe(email=email, language_prefix=language_prefix, **filters))
        mailbox.clear()
        return Subscription.objects.filter(email=email).order_by("-pk").first()

    return make
