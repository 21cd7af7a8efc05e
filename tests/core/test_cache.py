"""The per-process cache keeps its values' bytes under a budget, least recently used out first."""

import pytest

from core.cache import BoundedMemoryCache


@pytest.fixture
def cache(request):
    cache = BoundedMemoryCache(
        f"test-{request.node.name}", {"OPTIONS": {"MAX_BYTES": 100_000, "MAX_ENTRIES": 1000}}
    )
    yield cache
    cache.clear()


def test_values_past_the_budget_push_out_the_least_recently_used(cache):
    for n in range(9):  # 99 kB with pickle's few bytes each: within the budget
        cache.set(f"page-{n}", b"x" * 11_000)
    assert cache.get("page-8") is not None
    cache.get("page-0")  # read again: now the most recently used
    cache.set("page-10", b"x" * 11_000)

    assert cache.size <= 100_000
    assert cache.get("page-0") is not None
    assert cache.get("page-1") is None
    assert cache.get("page-10") is not None


def test_a_value_larger_than_an_eighth_of_the_budget_is_not_kept(cache):
    cache.set("small", "a")
    cache.set("sitemap", b"x" * 20_000)
    assert cache.get("sitemap") is None
    assert cache.get("small") == "a"


def test_replacing_deleting_and_clearing_keep_the_total_right(cache):
    cache.set("a", b"x" * 5_000)
    first = cache.size
    cache.set("a", b"x" * 5_000)
    assert cache.size == first
    cache.set("b", b"y" * 1_000)
    cache.delete("a")
    assert 1_000 < cache.size < first
    cache.clear()
    assert cache.size == 0


def test_the_entry_limit_still_holds(request):
    cache = BoundedMemoryCache(
        f"test-{request.node.name}", {"OPTIONS": {"MAX_ENTRIES": 10, "CULL_FREQUENCY": 2}}
    )
    for n in range(25):
        cache.set(f"k{n}", n)
    assert len(cache._cache) <= 10
    assert set(cache._sizes) == set(cache._cache)
    cache.clear()
