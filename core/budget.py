"""A ceiling on the database time of one public request.

A reader's request that would keep the database busy past its budget (a runaway query,
a page made costly on purpose) is stopped and answered with a 503 page, so that it never
holds a worker: on PostgreSQL by the server's statement_timeout, on SQLite by a progress
handler that interrupts the statement, and on both by a check of the deadline before
each query. Editors (logged in) and the admin have no budget: their saves and imports
must finish. Streamed downloads read after the view has returned and are not cut either.
"""

import contextlib
import logging
import time

from django.conf import settings
from django.db import DatabaseError, OperationalError, connection
from django.utils.translation import gettext as _

from .errors import error_response

logger = logging.getLogger(__name__)

# /healthz answers a proxy every few seconds with one trivial query.
EXEMPT_PREFIXES = ("/admin/", "/static/", "/healthz")
# SQLite calls the handler every this many virtual-machine steps: often enough to stop
# within a millisecond or so, seldom enough to cost nothing measurable.
SQLITE_STEPS = 10_000
RETRY_AFTER_SECONDS = 30


class OverBudgetError(OperationalError):
    """The request has used its database time."""


class Budget:
    """What is left of one request's database time."""

    def __init__(self, seconds):
        self.deadline = time.monotonic() + seconds

    def used_up(self):
        return time.monotonic() > self.deadline

    def lift(self):
        """No limit from now on: the 503 page itself must be answered."""
        self.deadline = float("inf")

    def __call__(self, execute, sql, params, many, context):
        # Ending a savepoint is let through: it is how a transaction recovers from the
        # stopped statement, and refusing it would leave the connection unusable.
        if self.used_up() and not sql.startswith(("ROLLBACK", "RELEASE")):
            raise OverBudgetError("The request's database time is used up.")
        return execute(sql, params, many, context)


@contextlib.contextmanager
def query_budget(seconds):
    """Run the block with at most `seconds` of database time in all; yield the Budget.

    PostgreSQL's statement_timeout is set for the block and set back after it: the
    connection outlives the request, and the next request on it (a login waiting for its
    lock, an editor's save) must not inherit a reader's limit.
    """
    connection.ensure_connection()
    timed = connection.vendor == "postgresql"
    if timed:
        _statement_timeout(max(1, int(seconds * 1000)))
    budget = Budget(seconds)
    try:
        with contextlib.ExitStack() as stack:
            stack.enter_context(connection.execute_wrapper(budget))
            if connection.vendor == "sqlite":
                raw = connection.connection
                raw.set_progress_handler(budget.used_up, SQLITE_STEPS)
                stack.callback(raw.set_progress_handler, None, SQLITE_STEPS)
            yield budget
    finally:
        if timed and connection.connection is not None and not connection.needs_rollback:
            try:
                _statement_timeout(0)
            except DatabaseError:
                connection.close()  # a new connection starts with no limit


def _statement_timeout(milliseconds):
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('statement_timeout', %s, false)", [str(milliseconds)])


def is_over_budget(error):
    """Whether a database error is the budget stopping a query."""
    if isinstance(error, OverBudgetError):
        return True
    if not isinstance(error, OperationalError):
        return False
    cause = error.__cause__
    if connection.vendor == "postgresql":
        return getattr(cause, "sqlstate", None) == "57014"  # query_canceled
    return "interrupted" in str(cause or error)


class QueryBudgetMiddleware:
    """Give each anonymous public request settings.QUERY_BUDGET_SECONDS of database time,
    and answer a request that uses it up with a 503."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.QUERY_BUDGET_SECONDS
        exempt = request.path.startswith(EXEMPT_PREFIXES) or request.user.is_authenticated
        if not seconds or exempt:
            return self.get_response(request)
        with query_budget(seconds) as request.query_budget:
            return self.get_response(request)

    def process_exception(self, request, exception):
        budget = getattr(request, "query_budget", None)
        if budget is None or not is_over_budget(exception):
            return None
        budget.lift()
        logger.warning("Over its database budget, answered 503: %s", request.get_full_path())
        response = error_response(
            request,
            503,
            "503.html",
            _("The archive is too busy to answer this now. Try again shortly."),
        )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
