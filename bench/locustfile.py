"""Readers browsing the public pages while editors save news items through the admin.

Run by bench/soak.py, which writes the plan this file reads (SOAK_PLAN: addresses taken
from the archive and the editors' accounts) and reads back what it writes: each successful
save (SOAK_SAVES, one JSON line per save) and every request's time (SOAK_TIMINGS).
"""

import itertools
import json
import os
import random
import re
import secrets
import sys
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from locust import HttpUser, between, events, task

# The project's root, for the form reader the tests use too.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.support.admin_form import edited, form_fields  # noqa: E402

PLAN = json.loads(Path(os.environ["SOAK_PLAN"]).read_text())
SAVES = Path(os.environ["SOAK_SAVES"])
TIMINGS = Path(os.environ["SOAK_TIMINGS"])
ADMIN = "admin: "  # prefix of the editors' request names; every other request is a read
_accounts = itertools.count()
_timings = {"reads": [], "writes": []}


@events.request.add_listener
def record_time(name, response_time, exception, **kwargs):
    if exception is None:
        _timings["writes" if name.startswith(ADMIN) else "reads"].append(round(response_time, 2))


@events.quitting.add_listener
def write_times(**kwargs):
    TIMINGS.write_text(json.dumps(_timings))


class Reader(HttpUser):
    """An anonymous reader: lists with filters, items, people, bodies, states and feeds."""

    weight = 1
    wait_time = between(1, 4)

    def on_start(self):
        close_connections(self.client)

    def open(self, path, params=(), name=None):
        """Get a page, in Russian a quarter of the time; the name groups it in the figures."""
        name = name or path
        if random.random() < 0.25:
            path = "/ru" + path
        url = f"{path}?{urlencode(params)}" if params else path
        self.client.get(url, name=name)

    @task(8)
    def news_list(self):
        filters = {
            "body": lambda: random.choice(PLAN["bodies"]),
            "year": lambda: str(random.randint(*PLAN["years"])),
            "official": lambda: random.choice(PLAN["officials"]),
            "state": lambda: random.choice(PLAN["states"]),
            "language": lambda: random.choice(PLAN["languages"]),
            "kind": lambda: random.choice(PLAN["kinds"]),
            "q": lambda: random.choice(PLAN["words"]),
        }
        if random.random() < 0.3:
            # Unfiltered: mostly the first pages, now and then one far down.
            last = PLAN["news_pages"]
            page = random.choice([1, 1, 1, random.randint(2, 5), random.randint(2, last)])
            self.open("/news/", {"page": page} if page > 1 else {}, name="/news/ page")
            return
        if random.random() < 0.1:
            self.open(f"/news/{random.randint(*PLAN['years'])}/", name="/news/<year>/")
            return
        chosen = random.sample(sorted(filters), random.choice((1, 1, 2, 3)))
        params = [(name, filters[name]()) for name in chosen]
        if "body" in chosen and random.random() < 0.2:
            params.append(("body", random.choice(PLAN["bodies"])))
        self.open("/news/", params, name=f"/news/ {len(chosen)} filter(s)")

    @task(6)
    def news_item(self):
        self.open(random.choice(PLAN["news"]), name="news item")

    @task(1)
    def news_history(self):
        self.open(random.choice(PLAN["news"]) + "history/", name="news item history")

    @task(2)
    def statements(self):
        params = random.choice(
            [
                [],
                [("speaker", random.choice(PLAN["speakers"]))],
                [("year", random.randint(*PLAN["years"]))],
                [("language", random.choice(PLAN["languages"]))],
                [("q", random.choice(PLAN["words"]))],
            ]
        )
        self.open("/statements/", params, name="/statements/")

    @task(2)
    def statement(self):
        self.open(random.choice(PLAN["statements"]), name="statement")

    @task(1)
    def officials(self):
        params = random.choice(
            [
                [],
                [("q", random.choice(PLAN["surnames"]))],
                [("state", random.choice(PLAN["states"]))],
                [("body", random.choice(PLAN["bodies"]))],
                [("post", random.choice(PLAN["posts"]))],
            ]
        )
        self.open("/officials/", params, name="/officials/")

    @task(2)
    def official(self):
        self.open(f"/officials/{random.choice(PLAN['officials'])}/", name="official")

    @task(1)
    def bodies(self):
        if random.random() < 0.3:
            self.open("/bodies/")
        else:
            self.open(f"/bodies/{random.choice(PLAN['bodies'])}/", name="body")

    @task(1)
    def states(self):
        if random.random() < 0.3:
            self.open("/states/")
        else:
            self.open(f"/states/{random.choice(PLAN['states'])}/", name="state")

    @task(1)
    def feed(self):
        path, name = random.choice(
            [
                ("/feeds/news/", "feed"),
                (f"/bodies/{random.choice(PLAN['bodies'])}/feed/", "body feed"),
                (f"/officials/{random.choice(PLAN['officials'])}/feed/", "official feed"),
                ("/corrections/feed/", "feed"),
            ]
        )
        self.open(path, name=name)

    @task(1)
    def home(self):
        self.open("/", name="home")

    @task(1)
    def corrections(self):
        self.open("/corrections/", name="/corrections/")


class Editor(HttpUser):
    """An editor with a Publisher's account, correcting news items of their own in the admin:
    each save goes live at once and flushes the caches (an Editor's waits for review)."""

    fixed_count = int(os.environ.get("SOAK_EDITORS", "2"))
    wait_time = between(3, 8)

    def on_start(self):
        self.account = PLAN["editors"][next(_accounts) % len(PLAN["editors"])]
        self.items = itertools.cycle(self.account["items"])
        self.saves = 0
        close_connections(self.client)
        page = self.get("/admin/login/", name=ADMIN + "login form")
        fields = dict(form_fields(page.text, "login-form"))
        fields.update(username=self.account["username"], password=self.account["password"])
        with self.client.post(
            "/admin/login/?next=/admin/",
            data=fields,
            name=ADMIN + "login",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"login refused ({response.status_code})")
        keep_cookies(self.client)

    def get(self, url, name):
        response = self.client.get(url, name=name)
        keep_cookies(self.client)
        return response

    @task
    def correct_item(self):
        item = next(self.items)
        url = f"/admin/news/newsitem/{item}/change/"
        page = self.get(url, name=ADMIN + "change form")
        fields = form_fields(page.text, "newsitem_form")
        if not fields:
            return  # the failed request is already counted
        self.saves += 1
        marker = f"{self.account['username']} {self.saves} {secrets.token_hex(4)}"
        reason = f"Soak test edit {marker}"
        fields = edited(fields, marker, reason)
        with self.client.post(
            url, data=fields, name=ADMIN + "save", allow_redirects=False, catch_response=True
        ) as response:
            location = urlsplit(response.headers.get("Location", "")).path
            if response.status_code == 302 and location == "/admin/news/newsitem/":
                with SAVES.open("a") as saves:
                    line = {"item": item, "user": self.account["username"], "marker": marker}
                    saves.write(json.dumps({**line, "reason": reason}) + "\n")
            else:
                errors = re.findall(r'<ul class="errorlist[^>]*>(.*?)</ul>', response.text, re.S)
                response.failure(f"save refused ({response.status_code}): {errors[:3]}")


def close_connections(client):
    """Ask for each connection to be closed after its response, as a proxy does by default.

    gunicorn.conf.py lets each worker hold only a few connections; readers keeping theirs
    open between pages would queue behind idle ones until the keep-alive timeout.
    """
    client.headers["Connection"] = "close"


def keep_cookies(client):
    """Send the session and CSRF cookies back over plain HTTP.

    Production marks them Secure, and the server here speaks HTTP on the loopback.
    """
    for cookie in client.cookies:
        cookie.secure = False
