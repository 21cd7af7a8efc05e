"""Limits on subscription requests, per address and per client, counted in the cache.

A fixed window per limit: the first request of a window adds a counter that expires with
it, the others increment it. With REDIS_URL every server shares the counts; with the
per-process memory cache each process counts its own (the limit is then per process).
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone


def allow(scope, key, limit, window):
    """Count one request of `key` in `scope`; tell whether it is within `limit` per `window`
    seconds."""
    digest = hashlib.sha256(f"{scope}\0{key}".encode()).hexdigest()[:32]
    slot = int(timezone.now().timestamp()) // window
    name = f"alerts-limit:{scope}:{digest}:{slot}"
    cache.add(name, 0, window)
    try:
        count = cache.incr(name)
    except ValueError:  # expired between add and incr
        cache.add(name, 1, window)
        count = 1
    return count <= limit


def client_allowed(client):
    limit, window = settings.ALERTS_LIMIT_PER_CLIENT
    return allow("client", client, limit, window)


def address_allowed(email):
    limit, window = settings.ALERTS_LIMIT_PER_ADDRESS
    return allow("address", email, limit, window)
