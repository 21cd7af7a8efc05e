"""Logins of one account from one address are answered one after the other.

django-axes checks the count of wrong passwords when authenticate() starts and adds the
failure when it ends, after the password was hashed. Passwords sent at the same moment
would all pass the check before any of them was counted: a burst of forty got a dozen
guesses instead of five, and the right password could get in after the lock was due.

So a login (a POST to the admin's login view) runs inside a transaction holding a lock of
what axes counts it by (AXES_LOCKOUT_PARAMETERS: the username and the address), from before
axes' check, through the recorded failure or the cleared count of a success, to the commit:

- PostgreSQL: an advisory lock of that pair, taken for the transaction
  (`pg_advisory_xact_lock`); other accounts and addresses do not wait.
- SQLite: the transaction itself. The archive's SQLite transactions are IMMEDIATE, so each
  holds the database's write lock from its start: logins wait for each other, and writers
  for a login, for as long as one password check takes (a third of a second with the
  production hasher).

Each login then reads the count after every earlier one of the pair is committed, so the
sixth password of a burst is refused, the right one included.

The pair is read as axes reads it inside authenticate(): the username as the login form
cleans it (stripped and NFKC-normalised, so " editor" and "editor" share one lock, as they
share one count), the address from axes' own helper.
"""

import hashlib
from contextlib import contextmanager

from axes.helpers import (
    get_client_ip_address,
    get_client_parameters,
    get_client_user_agent,
    get_client_username,
    get_credentials,
)
from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import connections, router, transaction
from django.urls import Resolver404, resolve

LOGIN_VIEW = f"{admin.site.name}:login"


def lock_key(parameters):
    """Return a signed 64-bit number for one set of lockout parameters (a dict such as
    {"username": …, "ip_address": …}), as PostgreSQL's advisory locks take."""
    text = "\0".join(f"{name}\0{value}" for name, value in sorted(parameters.items()))
    digest = hashlib.sha256(f"login\0{text}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def is_login(request):
    """Tell whether the request is a POST that the admin's login view will answer."""
    if request.method != "POST":
        return False
    try:
        match = resolve(request.path_info, getattr(request, "urlconf", None))
    except Resolver404:
        return False
    return match.view_name == LOGIN_VIEW


def login_credentials(request):
    """The credentials the admin's login form passes to authenticate(): its username field
    cleaned (a value the form refuses never reaches authenticate(), any key does then)."""
    form = (admin.site.login_form or AdminAuthenticationForm)(request, data=request.POST)
    field = form.fields["username"]
    value = field.widget.value_from_datadict(form.data, form.files, form.add_prefix("username"))
    try:
        username = field.clean(value)
    except ValidationError:
        username = value
    return get_credentials(username)


def lock_keys(request):
    """The lock keys of every set of parameters axes counts this login's failures by."""
    credentials = login_credentials(request)
    parameters = get_client_parameters(
        get_client_username(request, credentials),
        get_client_ip_address(request),
        get_client_user_agent(request),
        request,
        credentials,
    )
    # Sorted, so two logins that share more than one key take them in the same order.
    return sorted({lock_key(each) for each in parameters})


@contextmanager
def one_login_at_a_time(keys, *, using):
    """Run the block in a transaction that holds the locks of these keys."""
    connection = connections[using]
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                for key in keys:
                    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])
        yield


class OneLoginAtATimeMiddleware:
    """Answer the logins of one account from one address one at a time (see above).

    Comes after axes.middleware.AxesMiddleware, so the lockout page is made after the
    commit, and before the view, where axes checks and counts."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.using = router.db_for_write(AccessAttempt)
        connection = connections[self.using]
        if connection.vendor == "sqlite":
            mode = connection.settings_dict.get("OPTIONS", {}).get("transaction_mode")
            if str(mode).upper() not in ("IMMEDIATE", "EXCLUSIVE"):
                raise ImproperlyConfigured(
                    "core.logins needs SQLite's transactions IMMEDIATE (OPTIONS "
                    '"transaction_mode"): a deferred one takes no lock until it writes.'
                )
        elif connection.vendor != "postgresql":
            raise ImproperlyConfigured(
                f"core.logins cannot lock logins on {connection.vendor}: SQLite or PostgreSQL."
            )

    def __call__(self, request):
        if not is_login(request):
            return self.get_response(request)
        with one_login_at_a_time(lock_keys(request), using=self.using):
            return self.get_response(request)
