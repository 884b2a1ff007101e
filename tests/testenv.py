"""Loaded by pytest with ``-p`` before Django settings: environment defaults for tests only."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# Tests talk plain HTTP to the test client and live server, and use unhashed static files.
os.environ.setdefault("HTTPS", "false")
os.environ.setdefault("STATIC_MANIFEST", "false")
# Tests do not run collectstatic; an empty STATIC_ROOT keeps WhiteNoise from warning that
# the default one (staticfiles/) is missing. Files are served from the app folders.
# The shared page cache (a SQLite file) gets a directory of its own per run, shared with
# the gunicorn servers that tests start, so two runs at once never clear each other's.
for name, prefix in (("STATIC_ROOT", "recalls-test-static-"), ("CACHE_DIR", "recalls-test-cache-")):
    if name not in os.environ:
        import atexit
        import shutil
        import tempfile

        os.environ[name] = tempfile.mkdtemp(prefix=prefix)
        atexit.register(shutil.rmtree, os.environ[name], ignore_errors=True)
# A developer's .env (written by `make run`, DEBUG on) must not change what the tests see.
os.environ.setdefault("ENV_FILE", "")
