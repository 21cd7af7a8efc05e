"""Two production servers on one database and one Redis: a save through either is what the
other serves on its very next request, page cache and all.

Runs on the suite's database server (a scratch database on PostgreSQL in CI's PostgreSQL
pass, a SQLite file otherwise) with Debian's redis-server, both started here.
"""

import json
import re
import secrets
import urllib.error
import urllib.request
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from tests.support.admin_form import form_fields
from tests.support.servers import (
    gunicorn,
    manage,
    production_environment,
    redis_server,
    scratch_database,
)


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """Keeps its cookies, Secure ones included (the servers speak plain HTTP behind no
    proxy here), and reads each answer without following redirects."""

    def __init__(self):
        self.cookies = {}
        self.opener = urllib.request.build_opener(NoRedirects)

    def request(self, url, data=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(url, data=body, headers=headers)
        try:
            response = self.opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, response.read().decode()

    def login(self, base, username, password):
        status, page = self.request(f"{base}/admin/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        fields = {"csrfmiddlewaretoken": token, "username": username, "password": password}
        status, _ = self.request(f"{base}/admin/login/?next=/admin/", fields)
        assert status == 302, "the login was refused"


def read(base, path):
    """What an anonymous reader gets, as text."""
    status, page = Browser().request(base + path)
    assert status == 200, (base + path, status)
    return page


def test_a_save_through_either_server_is_served_by_the_other_at_once(tmp_path):
    password = secrets.token_urlsafe(16)
    with redis_server() as redis_url, scratch_database(tmp_path) as database_url:
        environment = production_environment(DATABASE_URL=database_url, REDIS_URL=redis_url)
        manage(environment, "migrate", "--noinput", "-v0")
        manage(environment, "collectstatic", "--noinput", "-v0")  # the manifest prod reads
        manage(environment, "load_demo")
        manage(
            environment,
            "shell",
            "-c",
            "from django.contrib.auth.models import User; "
            f"User.objects.create_superuser('two-servers', 'x@example.org', '{password}')",
        )
        with gunicorn(environment) as first, gunicorn(environment) as second:
            latest = json.loads(read(first, "/api/news/"))["results"][0]
            address = latest["url"].split("://", 1)[-1].split("/", 1)[-1]
            address = "/" + address
            editors = {first: Browser(), second: Browser()}
            for base, editor in editors.items():
                editor.login(base, "two-servers", password)
            # Both servers have served (and cached, in the one Redis) the list and the item.
            for base in (first, second):
                assert latest["title"] in read(base, address)
                assert latest["title"] in read(base, "/news/")
            for round_, (writer, reader) in enumerate(
                [(first, second), (second, first), (first, second)]
            ):
                title = f"Council session, corrected {round_} {secrets.token_hex(3)}"
                change = f"{writer}/admin/news/newsitem/{latest['id']}/change/"
                status, page = editors[writer].request(change)
                assert status == 200
                fields = [
                    (name, title if name == "title" else value)
                    for name, value in form_fields(page, "newsitem_form")
                    if name not in ("change_reason", "change_kind", "_continue", "_addanother")
                ]
                fields += [("change_reason", "Title corrected"), ("change_kind", "minor")]
                status, page = editors[writer].request(change, fields)
                assert status == 302, re.findall(r'class="errorlist[^>]*>(.*?)</ul>', page)
                # The very next requests to the other server: the item, the list, the API.
                assert title in read(reader, address)
                assert title in read(reader, "/news/")
                assert json.loads(read(reader, "/api/news/"))["results"][0]["title"] == title
                assert title in read(writer, address)
