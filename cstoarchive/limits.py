"""Time limits that the Django settings and gunicorn.conf.py share (no Django imports)."""

import os

DEFAULT_QUERY_BUDGET_SECONDS = 2.0


def query_budget_seconds():
    """QUERY_BUDGET_SECONDS: a reader's request's database time before it gets a 503
    (0 turns the budget off)."""
    raw = os.environ.get("QUERY_BUDGET_SECONDS", "").strip()
    try:
        seconds = float(raw) if raw else DEFAULT_QUERY_BUDGET_SECONDS
    except ValueError:
        seconds = -1
    if not 0 <= seconds < 3600:
        raise ValueError(
            f"QUERY_BUDGET_SECONDS is {raw!r}: give a number of seconds, 0 for no budget."
        )
    return seconds


def worker_timeout_seconds():
    """gunicorn's worker timeout: well past what a request within its budget takes
    (the budget plus rendering), so it never cuts one, and no more, so that a worker
    stuck outside the database is replaced soon."""
    return int(max(10, 5 * query_budget_seconds()))
