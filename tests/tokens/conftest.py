import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    """The failure throttle and the rate limit count in the cache: each test starts at 0."""
    cache.clear()
    yield
    cache.clear()
