"""Loaded by pytest with ``-p`` before Django settings: environment defaults for tests only."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# Tests talk plain HTTP to the test client and live server, and use unhashed static files.
os.environ.setdefault("HTTPS", "false")
os.environ.setdefault("STATIC_MANIFEST", "false")
