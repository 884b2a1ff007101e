import os

import pytest
from django.conf import global_settings
from django.test import override_settings

from tests.seed_snapshot import snapshot

# MD5 hashes a test password in microseconds, PBKDF2 in about 0.1 s; no test checks the hasher.
# The production hashers stay known: servers the tests start as subprocesses use only those
# (tests/ops/servers.py server_superuser).
TEST_PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    *global_settings.PASSWORD_HASHERS,
]


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hasher():
    with override_settings(PASSWORD_HASHERS=TEST_PASSWORD_HASHERS):
        yield


@pytest.fixture
def seeded(db):
    """The full seed data set, as `manage.py load_seed_data` loads it (copied in after the
    first load: tests/seed_snapshot.py)."""
    snapshot.load()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The page cache outlives a test's rolled-back transaction; start every test without it."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _no_render_left_behind():
    """A page rendered on a refresh thread (ops/refresh.py) ends within its test, not while
    the next test loads or flushes its data."""
    yield
    from ops import refresh  # not at module level: pytest loads this file before Django

    renders = refresh._renders.get(os.getpid())
    if renders is not None:
        assert renders.wait_idle(30), "a page render still running 30 s after its test"


@pytest.fixture
def warm_content_types(db):
    """Content types are looked up once per process and cached: count the steady state."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.get_for_models(*apps.get_models())
