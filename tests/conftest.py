import pytest
from django.core.management import call_command


@pytest.fixture
def seeded(db):
    """The full seed data set, as `manage.py load_seed_data` loads it."""
    call_command("load_seed_data", verbosity=0)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The page cache outlives a test's rolled-back transaction; start every test without it."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
