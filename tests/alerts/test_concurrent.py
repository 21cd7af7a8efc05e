"""Two send_alerts at once, as two servers' cron would run them, against one real database
(SQLite file, or a database of its own on the suite's PostgreSQL): one email each."""

import os
import subprocess
import sys

from tests.support.servers import PROJECT, scratch_database
from tests.support.smtp import smtp_server

SUBSCRIBERS = 24

SETUP = f"""
import datetime
from django.utils import timezone
from alerts.models import Subscription
from news.models import NewsItem
from people.models import Body

body = Body.objects.create(name="Collective Security Council", slug="csc", kind="statutory")
before = timezone.now() - datetime.timedelta(minutes=1)
for n in range({SUBSCRIBERS}):
    Subscription.objects.create(
        email=f"reader{{n}}@example.org", filters={{"body": ["csc"]}}, filters_key=str(n),
        state="active", sent_until=before, next_due_at=before, site="http://archive.test",
    )
item = NewsItem.objects.create(
    title="Council met", slug="council-met", published_on=datetime.date(2024, 6, 6),
    language="en", text="The council met.", status="draft",
)
item.bodies.set([body])
item.status = "published"
item.save()
"""


def test_two_runs_at_once_send_each_subscription_one_email(tmp_path):
    with scratch_database(tmp_path) as url, smtp_server() as (host, port, mailbox):
        env = os.environ | {
            "DJANGO_SETTINGS_MODULE": "cstoarchive.settings.test",
            "DATABASE_URL": url,
            "EMAIL_HOST": host,
            "EMAIL_PORT": str(port),
            "LOG_LEVEL": "WARNING",
        }
        env.pop("EMAIL_URL", None)

        def manage(*arguments, **kwargs):
            return subprocess.Popen(
                [sys.executable, "manage.py", *arguments],
                cwd=PROJECT,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                **kwargs,
            )

        for arguments in (["migrate", "-v0"], ["shell", "-c", SETUP]):
            done = manage(*arguments)
            out, err = done.communicate(timeout=300)
            assert done.returncode == 0, out + err

        # Small batches, so that both runs are claiming and sending at the same time.
        runs = [manage("send_alerts", "--batch", "2") for _ in range(2)]
        outputs = [run.communicate(timeout=300) for run in runs]
        assert [run.returncode for run in runs] == [0, 0], outputs
        mailbox.wait_for(SUBSCRIBERS)
        recipients = sorted(m["X-Envelope-To"] for m in mailbox.messages)
        assert recipients == sorted(f"reader{n}@example.org" for n in range(SUBSCRIBERS))
        # A third run finds nothing new.
        third = manage("send_alerts")
        out, err = third.communicate(timeout=300)
        assert third.returncode == 0, err
        assert out.startswith("0 sent"), out
        assert len(mailbox.messages) == SUBSCRIBERS
        print([out for out, _err in outputs])
