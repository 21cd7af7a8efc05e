"""Signed links: the only credentials of alerts (there is no login).

- confirm: the subscription, frequency and language asked for; valid UNCONFIRMED_DAYS.
- unsubscribe: one subscription; never expires, as an old email must still let a reader go.
- manage: one address; never expires, and shows only that address's subscriptions.
"""

import datetime

from django.core import signing

from .models import UNCONFIRMED_DAYS

CONFIRM = "alerts.confirm"
UNSUBSCRIBE = "alerts.unsubscribe"
MANAGE = "alerts.manage"


class BadTokenError(Exception):
    """The link is not one the archive signed, or it has expired."""


def confirm_token(subscription, frequency, language):
    return signing.TimestampSigner(salt=CONFIRM).sign_object(
        {"s": subscription.pk, "f": frequency, "l": language}
    )


def read_confirm_token(token):
    try:
        return signing.TimestampSigner(salt=CONFIRM).unsign_object(
            token, max_age=datetime.timedelta(days=UNCONFIRMED_DAYS)
        )
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise BadTokenError(str(error)) from None


def unsubscribe_token(subscription):
    return signing.Signer(salt=UNSUBSCRIBE).sign(str(subscription.pk))


def read_unsubscribe_token(token):
    try:
        return int(signing.Signer(salt=UNSUBSCRIBE).unsign(token))
    except (signing.BadSignature, ValueError) as error:
        raise BadTokenError(str(error)) from None


def manage_token(email):
    return signing.Signer(salt=MANAGE).sign_object(email)


def read_manage_token(token):
    try:
        return signing.Signer(salt=MANAGE).unsign_object(token)
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise BadTokenError(str(error)) from None
