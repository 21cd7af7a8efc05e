"""Admin login throttling: five wrong passwords lock one account from one address for 15 min."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY

LOGIN = "/admin/login/"
ATTACKER = "203.0.113.7"


def attempt(client, username, password, address=ATTACKER):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


def fail(client, username, times, address=ATTACKER):
    """Post wrong passwords and return the last response."""
    for _ in range(times):
        response = attempt(client, username, "wrong password", address)
    return response


def assert_logged_in(client, response, user):
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.session[SESSION_KEY] == str(user.pk)
    client.logout()


def assert_locked_out(client, response):
    assert response.status_code == 429
    text = response.content.decode()
    assert "This account has been locked from your address after 5 wrong passwords." in text
    assert "Further attempts are refused for 15 minutes" in text
    assert SESSION_KEY not in client.session


def move_attempts_back(minutes, seconds=0):
    """Pretend the failed attempts happened that long ago."""
    for stored in AccessAttempt.objects.all():
        stored.attempt_time -= datetime.timedelta(minutes=minutes, seconds=seconds)
        stored.save(update_fields=["attempt_time"])


@pytest.fixture
def locked_editor(client, editor):
    fail(client, "editor", 4)
    assert_locked_out(client, attempt(client, "editor", "wrong password"))
    return editor


def test_four_failures_still_let_the_right_password_in(client, editor):
    response = fail(client, "editor", 4)
    assert response.status_code == 200
    assert "Please enter the correct username and password" in response.content.decode()
    assert_logged_in(client, attempt(client, "editor", "pw-editor"), editor)


def test_five_failures_refuse_even_the_right_password(client, locked_editor):
    assert_locked_out(client, attempt(client, "editor", "pw-editor"))
    assert_locked_out(client, attempt(client, "editor", "another wrong one"))


def test_the_lockout_page_is_in_the_site_look(client, locked_editor):
    response = attempt(client, "editor", "pw-editor")
    names = [template.name for template in response.templates]
    assert "registration/locked_out.html" in names
    assert "base.html" in names
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_another_account_from_the_same_address_is_not_blocked(client, locked_editor, publisher):
    assert_logged_in(client, attempt(client, "publisher", "pw-publisher"), publisher)


def test_the_same_account_from_another_address_is_not_blocked(client, locked_editor):
    response = attempt(client, "editor", "pw-editor", address="198.51.100.20")
    assert_logged_in(client, response, locked_editor)


def test_the_lock_holds_for_fifteen_minutes(client, locked_editor):
    move_attempts_back(minutes=14, seconds=50)
    assert_locked_out(client, attempt(client, "editor", "pw-editor"))


def test_retries_while_locked_do_not_extend_the_lock(client, locked_editor):
    move_attempts_back(minutes=10)
    assert_locked_out(client, attempt(client, "editor", "wrong password"))
    move_attempts_back(minutes=5, seconds=1)
    assert_logged_in(client, attempt(client, "editor", "pw-editor"), locked_editor)


def test_after_fifteen_minutes_the_right_password_works(client, locked_editor):
    move_attempts_back(minutes=15, seconds=1)
    assert_logged_in(client, attempt(client, "editor", "pw-editor"), locked_editor)


def test_a_success_clears_the_count(client, editor):
    fail(client, "editor", 4)
    assert_logged_in(client, attempt(client, "editor", "pw-editor"), editor)
    assert AccessAttempt.objects.count() == 0
    # Four more failures are four, not eight: the right password still works.
    fail(client, "editor", 4)
    assert_logged_in(client, attempt(client, "editor", "pw-editor"), editor)
