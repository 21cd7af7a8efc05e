"""A per-process memory cache bounded by bytes as well as by entries.

Django's LocMemCache counts entries only: 300 entries of 2 MB pages (a sitemap, a long
download of a search) hold 600 MB in every worker. This one also keeps the sum of its
values' sizes under OPTIONS["MAX_BYTES"], dropping the least recently used first, and does
not keep a value larger than an eighth of that budget at all.
"""

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
# Per cache name, like Django's own stores: every instance of one cache shares them.
_sizes = {}


class Sizes(dict):
    """The pickled size of each value, with their running total."""

    total = 0

    def put(self, key, size):
        self.drop(key)
        self[key] = size
        self.total += size

    def drop(self, key):
        self.total -= self.pop(key, 0)


class BoundedMemoryCache(LocMemCache):
    def __init__(self, name, params):
        super().__init__(name, params)
        self.max_bytes = int(params.get("OPTIONS", {}).get("MAX_BYTES", DEFAULT_MAX_BYTES))
        self._sizes = _sizes.setdefault(name, Sizes())

    @property
    def size(self):
        """The bytes the values held take, pickled."""
        return self._sizes.total

    def _set(self, key, value, timeout=DEFAULT_TIMEOUT):
        self._delete(key)
        if len(value) > self.max_bytes // 8:
            return  # too large to be worth the memory: computed again when asked for
        super()._set(key, value, timeout)
        self._sizes.put(key, len(value))
        while self._sizes.total > self.max_bytes and self._cache:
            old_key, _value = self._cache.popitem()  # the least recently used
            del self._expire_info[old_key]
            self._sizes.drop(old_key)

    def _cull(self):
        super()._cull()
        for key in [key for key in self._sizes if key not in self._cache]:
            self._sizes.drop(key)

    def _delete(self, key):
        self._sizes.drop(key)
        return super()._delete(key)

    def incr(self, key, delta=1, version=None):
        value = super().incr(key, delta, version)
        full_key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if full_key in self._cache:
                self._sizes.put(full_key, len(self._cache[full_key]))
        return value

    def clear(self):
        with self._lock:
            self._cache.clear()
            self._expire_info.clear()
            self._sizes.clear()
            self._sizes.total = 0
