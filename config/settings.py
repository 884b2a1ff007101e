"""Settings for the recall tracker: one module, configured by the environment.

Every variable is documented in README.md ("Configuration").
"""

import os
import tempfile
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# `make run` writes a development .env; ENV_FILE names another file, or none when empty (tests).
ENV_FILE = env("ENV_FILE", default=str(BASE_DIR / ".env"))
if ENV_FILE:
    environ.Env.read_env(ENV_FILE, overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

if DEBUG:
    SECRET_KEY = env("SECRET_KEY", default="insecure-development-key-only-used-with-DEBUG-on")
else:
    # No fallback: a production process without a real key must not start.
    SECRET_KEY = env("SECRET_KEY", default="")
    if not SECRET_KEY:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set: run `make run` once (it writes a development .env), "
            "or set DEBUG=1 for development, or SECRET_KEY for production (README, Configuration)"
        )

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])

INSTALLED_APPS = [
    "whitenoise.runserver_nostatic",
    "config.admin.TrackerAdminConfig",  # the headers (config/admin.py)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_filters",
    "csp",
    "simple_history",
    "axes",
    "recalls",
    "articles",
    "editorial",
    "curation",
    "ops",
    "seeding",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "api",
    "exports",
]

MIDDLEWARE = [
    # Outermost, so that a kept page is kept with every header the others add, and a hit
    # goes through nothing else (config/wsgi.py answers most hits before Django even).
    "ops.caching.PublicPageCacheMiddleware",
    # Every response gets the header, static files and the 503 page included.
    "ops.headers.PermissionsPolicyMiddleware",
    "ops.health.DatabaseUnavailableMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    # ETag from the content and 304 for If-None-Match / If-Modified-Since (the page cache
    # answers those itself, from the whole page).
    "django.middleware.http.ConditionalGetMiddleware",
    # After the cache, before anything that queries: 503 at once while the database hangs.
    "ops.health.DatabaseBreakerMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that it sees every failed login.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Off only while loading a dump that already carries its history (see docs/DEPLOYMENT.md).
SIMPLE_HISTORY_ENABLED = env.bool("HISTORY_ENABLED", default=True)

# Login lock-out (editorial/lockout.py): a username at an address after AXES_FAILURE_LIMIT
# failures, an address after AXES_ADDRESS_FAILURE_LIMIT failures over any usernames; both
# for AXES_COOLOFF_HOURS. Behind the proxy the address is the one the proxy appended to
# X-Forwarded-For; otherwise the header is ignored.
AXES_HANDLER = "editorial.lockout.LockoutHandler"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_ADDRESS_FAILURE_LIMIT = env.int("AXES_ADDRESS_FAILURE_LIMIT", default=20)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_CLIENT_IP_CALLABLE = (
    "editorial.lockout.proxy_client_address"
    if env.bool("BEHIND_PROXY", default=False)
    else "editorial.lockout.remote_address"
)
AXES_LOCKOUT_TEMPLATE = "editorial/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            "string_if_invalid": env("TEMPLATE_STRING_IF_INVALID", default=""),
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    # An empty DATABASE_URL means the default too (`make test-sqlite` clears it that way).
    "default": environ.Env.db_url_config(
        env("DATABASE_URL", default="") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
    ),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Seconds a web request waits for the database: to connect (libpq's connect_timeout, which
# counts whole seconds from 2) and, in gunicorn workers, for each query (ops/db_timeouts.py).
DATABASE_TIMEOUT = env.float("DATABASE_TIMEOUT", default=3.0)
# PostgreSQL's JIT compiles any plan whose estimated cost passes jit_above_cost. The
# staleness rule's EXISTS subqueries inflate the estimate of a six-row query enough to spend
# 1.1 s compiling it (EXPLAIN ANALYZE of /stats/, `make drill`); a site of short queries never
# gains from JIT, so every connection turns it off.
PG_SESSION_OPTIONS = "-c jit=off"
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        connect_timeout=max(2, round(DATABASE_TIMEOUT)), options=PG_SESSION_OPTIONS
    )
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["OPTIONS"] = {
        # Readers, editors and an import at once (#13): readers never wait for a writer (WAL);
        # a writer takes the lock when its transaction begins (IMMEDIATE), so it queues for
        # up to SQLITE_TIMEOUT seconds instead of failing when a read turns into a write.
        "transaction_mode": "IMMEDIATE",
        "timeout": env.float("SQLITE_TIMEOUT", default=10),
        # In WAL, NORMAL keeps every commit if the process dies (the last ones may be lost on a
        # power cut or an OS crash) and spares a disk flush per commit.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # A file, not memory, so tests can cut the connection and threads share one database.
    DATABASES["default"]["TEST"] = {
        "NAME": os.path.join(tempfile.gettempdir(), f"recalls-test-{os.getpid()}.sqlite3")
    }
if env("REPLICA_DATABASE_URL", default=""):
    DATABASES["replica"] = env.db("REPLICA_DATABASE_URL")
    DATABASES["replica"]["CONN_MAX_AGE"] = DATABASES["default"]["CONN_MAX_AGE"]
    DATABASES["replica"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASES["replica"]["OPTIONS"] = {
        "connect_timeout": max(2, round(DATABASE_TIMEOUT)),
        "options": PG_SESSION_OPTIONS,
    }
    DATABASE_ROUTERS = ["config.routers.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = env("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed files with far-future cache headers, served by WhiteNoise; needs
    # `collectstatic`. Off with DEBUG (and in tests), where files are served as they are.
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env.bool("STATIC_MANIFEST", default=not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365

# One cache for every worker: Redis across machines, else one SQLite file on this machine
# (ops/sqlite_cache.py). Never the main database, so cached pages outlive its outages.
CACHES = {
    "default": (
        {
            "BACKEND": "ops.redis_cache.RedisCache",
            "LOCATION": env("REDIS_URL"),
            # A hung Redis must not hang pages either: fail in a second, like the database.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
        if env("REDIS_URL", default="")
        else {
            "BACKEND": "ops.sqlite_cache.SQLiteCache",
            "LOCATION": env.path("CACHE_DIR", default=BASE_DIR / "var" / "cache"),
            "OPTIONS": {"MAX_ENTRIES": env.int("CACHE_MAX_ENTRIES", default=5000)},
        }
    )
}
CACHE_MIDDLEWARE_SECONDS = env.int("CACHE_SECONDS", default=300)
# How long browsers and proxies may reuse a public page without asking again.
PAGE_MAX_AGE = env.int("PAGE_MAX_AGE", default=30)
# Whole-page cache for anonymous readers (ops/caching.py); off with PAGE_CACHE=false.
PAGE_CACHE = env.bool("PAGE_CACHE", default=True)
# Parts of pages kept until what they read changes, for every reader (ops/fragments.py).
FRAGMENT_CACHE = env.bool("FRAGMENT_CACHE", default=True)
# While one request renders a page an edit changed, the others get the old copy; this long at
# most, if that render dies or hangs, before another reader renders it (ops/caching.py).
PAGE_STALE_SECONDS = env.float("PAGE_STALE_SECONDS", default=5)
# How long the reader who met such a page waits for its render (on a thread of its own,
# ops/refresh.py) before it is served the old copy too; the render goes on.
PAGE_REFRESH_WAIT = env.float("PAGE_REFRESH_WAIT", default=0.05)
# How long a kept page that lists articles themselves (search, home, the newest articles)
# may go on without one just imported (ops/cache_tags.py ``lags``); edits are not delayed.
PAGE_NEW_ARTICLE_LAG = env.float("PAGE_NEW_ARTICLE_LAG", default=10)

# Largest file `import_articles` accepts, in bytes.
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=5 * 1024 * 1024)

# HTTPS: on by default when DEBUG is off; HTTPS=false for a plain-HTTP local server.
HTTPS = env.bool("HTTPS", default=not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env.int("HSTS_SECONDS", default=31_536_000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
# Trust X-Forwarded-Proto only behind a proxy that sets it (and strips it from clients).
if env.bool("BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Browser features no page here uses, denied to the site and anything it could embed
# (ops/headers.py). Only names Chromium knows: an unknown one is a console error.
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    ]
}

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}

# -- Data out: JSON API (api/), feeds, calendar, CSV and statistics (exports/) -----------

# Anonymous API clients get API_ANON_RATE requests (per address); signed-in editors more.
API_ANON_RATE = env("API_ANON_RATE", default="120/minute")
API_USER_RATE = env("API_USER_RATE", default="1200/minute")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    # JSON only: a page's response depends on its URL alone, as the page cache assumes.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.PageNumberPagination",
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.AnonThrottle", "api.throttling.UserThrottle"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Recall tracker API",
    "DESCRIPTION": (
        "Read-only data on recall efforts, the officials they target, the elections that "
        "decide them and the articles every fact is cited to. Lists take the same filters as "
        "the site's pages, plus modified_since for incremental sync."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    # Read-only and open to all: no security schemes, so no "Authorize" button or locks.
    "AUTHENTICATION_WHITELIST": [],
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "defaultModelsExpandDepth": 0},
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "EffortStatusEnum": "recalls.models.EffortStatus",
        "CandidacyStatusEnum": "recalls.models.CandidacyStatus",
        "EffortKindEnum": "recalls.models.EffortKind",
        "ElectionKindEnum": "recalls.models.ElectionKind",
        "ContestKindEnum": "recalls.models.ContestKind",
        "JurisdictionKindEnum": "recalls.models.JurisdictionKind",
        "ParticipantKindEnum": "recalls.models.Participant.Kind",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.add_error_responses",
    ],
}
