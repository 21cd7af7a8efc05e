"""Email configuration from the environment, and mail through a real SMTP server."""

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured

from cstoarchive.settings.base import email_settings
from tests.support.smtp import body_text


def test_without_configuration_mail_goes_to_the_console():
    values = email_settings({})
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert values["DEFAULT_FROM_EMAIL"]


def test_email_url_gives_every_smtp_setting():
    values = email_settings(
        {
            "EMAIL_URL": "smtp://press%40example.org:p%40ss@mail.example.org:587/?tls=True",
            "DEFAULT_FROM_EMAIL": "Archive <archive@example.org>",
        }
    )
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert values["EMAIL_HOST"] == "mail.example.org"
    assert values["EMAIL_PORT"] == 587
    assert values["EMAIL_HOST_USER"] == "press@example.org"
    assert values["EMAIL_HOST_PASSWORD"] == "p@ss"
    assert values["EMAIL_USE_TLS"] is True
    assert values["EMAIL_USE_SSL"] is False
    assert values["DEFAULT_FROM_EMAIL"] == "Archive <archive@example.org>"


def test_email_host_family_selects_smtp():
    values = email_settings(
        {"EMAIL_HOST": "relay.local", "EMAIL_PORT": "2525", "EMAIL_USE_TLS": "1"}
    )
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (values["EMAIL_HOST"], values["EMAIL_PORT"], values["EMAIL_USE_TLS"]) == (
        "relay.local",
        2525,
        True,
    )


def test_tls_and_ssl_together_are_refused():
    with pytest.raises(ImproperlyConfigured):
        email_settings({"EMAIL_HOST": "relay.local", "EMAIL_USE_TLS": "1", "EMAIL_USE_SSL": "1"})


def test_mail_reaches_a_real_smtp_server(mailbox):
    sent = mail.send_mail(
        "Новое в архиве", "Текст письма.", None, ["reader@example.org"], fail_silently=False
    )
    assert sent == 1
    (message,) = mailbox.wait_for(1)
    assert message["Subject"] == "Новое в архиве"
    assert "Текст письма." in body_text(message)
    assert mailbox.to("reader@example.org") == [message]
