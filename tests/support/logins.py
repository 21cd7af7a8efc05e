"""Bursts of logins sent to a running server at one moment, and what axes counted after.

Shared by tests/test_login_burst.py and bench/login_burst.py.
"""

import http.client
import json
import re
import threading
import time
from datetime import datetime
from urllib.parse import urlencode, urlsplit

from tests.support.servers import manage

WRONG_ANSWER = "Please enter the correct username and password"


def create_accounts(environment, accounts, password):
    """Migrate the server's database and give it staff accounts with one password."""
    manage(
        environment,
        "shell",
        "-v0",
        "-c",
        "from django.contrib.auth.hashers import make_password\n"
        "from django.contrib.auth.models import User\n"
        "from django.core.management import call_command\n"
        "call_command('migrate', '--noinput', verbosity=0)\n"
        f"hashed = make_password({password!r})\n"
        f"for name in {list(accounts)!r}:\n"
        "    User.objects.create(username=name, password=hashed, is_staff=True)\n",
    )


def login_form(base):
    """Return the CSRF cookie and the form's token of the login page."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    connection.request("GET", "/admin/login/")
    response = connection.getresponse()
    page = response.read().decode()
    connection.close()
    if response.status != 200:
        raise RuntimeError(f"the login page answered {response.status}: {page[:200]}")
    cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie")).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    return cookie, token


def burst(base, posts):
    """Post each (username, password) of `posts` to the admin login, all at the same
    moment. Return their answers in order: (status, whether it is the login page's "wrong
    password", the time it came back), None for a request that got no answer."""
    cookie, token = login_form(base)
    parts = urlsplit(base)
    start = threading.Barrier(len(posts))
    answers = [None] * len(posts)

    def post(n):
        username, password = posts[n]
        body = urlencode(
            {
                "csrfmiddlewaretoken": token,
                "username": username,
                "password": password,
                "next": "/admin/",
            }
        )
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookie}",
        }
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
        connection.connect()
        start.wait()
        connection.request("POST", "/admin/login/", body, headers)
        response = connection.getresponse()
        text = response.read().decode(errors="replace")
        answers[n] = (response.status, WRONG_ANSWER in text, time.time())
        connection.close()

    threads = [threading.Thread(target=post, args=(n,)) for n in range(len(posts))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def counted(environment, accounts):
    """For each account: the failures axes holds for it, and when it last logged in (as a
    POSIX time, or None)."""
    output = manage(
        environment,
        "shell",
        "-v0",
        "-c",
        "import json\n"
        "from axes.models import AccessAttempt\n"
        "from django.contrib.auth.models import User\n"
        "from django.db.models import Sum\n"
        "result = {}\n"
        f"for name in {list(accounts)!r}:\n"
        "    failures = AccessAttempt.objects.filter(username=name).aggregate(\n"
        "        total=Sum('failures_since_start'))['total'] or 0\n"
        "    last = User.objects.get(username=name).last_login\n"
        "    result[name] = [failures, last and last.isoformat()]\n"
        "print(json.dumps(result))\n",
    )
    result = json.loads(output.strip().splitlines()[-1])
    return {
        name: (failures, last and datetime.fromisoformat(last).timestamp())
        for name, (failures, last) in result.items()
    }
