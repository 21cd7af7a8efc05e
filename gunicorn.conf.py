"""Gunicorn settings for production and for `make bench` (read from the working folder).

Start with `gunicorn cstoarchive.wsgi` behind a proxy; WEB_WORKERS and WEB_THREADS
override the defaults below.
"""

import os

from cstoarchive import limits

wsgi_app = "cstoarchive.wsgi"
workers = int(os.environ.get("WEB_WORKERS", 2))
# Threads keep connections alive between requests, as a proxy's upstream pool expects.
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS", 4))
# A worker accepts every pending connection at once, so a proxy or client that opens its
# connections together can leave one worker with all of them and the other idle (at half
# the throughput or less). Capping each worker at a few connections more than its threads
# spreads them; a connection over the cap waits in the listen queue, it is not refused.
worker_connections = threads + 2
loglevel = os.environ.get("LOG_LEVEL", "warning").lower()
# Matched to the readers' database budget (QUERY_BUDGET_SECONDS, see cstoarchive/limits.py).
timeout = limits.worker_timeout_seconds()


def post_worker_init(worker):
    """Load what every request uses (URLs, templates, catalogs) and take it out of the
    garbage collector's sight: it lives as long as the worker (see core/warmup.py)."""
    from core.warmup import prepare_process

    prepare_process()
