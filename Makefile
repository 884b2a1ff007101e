# The two commands a new user runs: `make run` and `make test`. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run serve test lint lock install migrate seed test-sqlite test-postgres backup restore clean

# Installs come from uv.lock (exact versions and hashes). uv itself is bootstrapped from PyPI
# with pip, once per machine and version, into the user's cache: every clone shares it.
UV_VERSION := 0.13.9
UV_HOME := $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/recall-tracker/uv-$(UV_VERSION)
UV := $(UV_HOME)/bin/uv
# The Python from PATH (or PYTHON=…), never one that uv would download.
export UV_PYTHON_DOWNLOADS := never

$(UV):
	@echo "bootstrapping uv $(UV_VERSION) into $(UV_HOME)"
	rm -rf $(UV_HOME).tmp && $(PYTHON) -m venv $(UV_HOME).tmp
	$(UV_HOME).tmp/bin/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	mkdir -p $(UV_HOME)/bin && mv $(UV_HOME).tmp/bin/uv $(UV) && rm -rf $(UV_HOME).tmp

# Python keeps the modules it compiles (.pyc) even where the environment says not to (CI,
# here): otherwise every command compiles Django and the rest again, twice the time of a
# bare `manage.py check`. Lazily, so that a fresh install compiles only what runs.
unexport PYTHONDONTWRITEBYTECODE

# --locked: refuses to install when pyproject.toml and uv.lock disagree (run `make lock`).
$(STAMP): pyproject.toml uv.lock | $(UV)
	$(UV) sync --locked --extra dev --python $(PYTHON)
	touch $(STAMP)

install: $(STAMP)

# After editing the dependencies in pyproject.toml: resolve them again into uv.lock.
lock: | $(UV)
	$(UV) lock --python $(PYTHON)

# A development configuration (DEBUG on, a fresh secret key) for manage.py and `make run`;
# written once, never overwritten, never committed (.gitignore).
.env:
	@echo "writing a development .env (DEBUG=1 and a new SECRET_KEY)"
	@umask 077 && printf '# Development settings written by `make run` (README, Configuration).\nDEBUG=1\nSECRET_KEY=%s\n' \
		"$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')" > .env

# DEBUG=1 even when .env says otherwise: `make run` is the development server.
migrate: $(STAMP) .env
	DEBUG=1 $(BIN)/python manage.py migrate --noinput

seed: migrate
	DEBUG=1 $(BIN)/python manage.py load_seed_data

run: seed
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Production-style: gunicorn (workers from the core count), DEBUG off, static files hashed
# and compressed by WhiteNoise. Plain HTTP on loopback unless HTTPS=true (behind a TLS proxy).
serve: $(STAMP)
	@test -n "$$SECRET_KEY" || { mkdir -p var; test -s var/secret_key || $(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > var/secret_key; }
	export SECRET_KEY="$${SECRET_KEY:-$$(cat var/secret_key)}" DEBUG=0 HTTPS="$${HTTPS:-false}"; \
	$(BIN)/python manage.py migrate --noinput && \
	$(BIN)/python manage.py collectstatic --noinput -v0 && \
	PORT=$(PORT) $(BIN)/gunicorn -c config/gunicorn.conf.py config.wsgi:application

BACKUP ?= var/backups/recalls-$(shell date +%Y%m%d-%H%M%S).backup

backup: $(STAMP)
	DEBUG=1 $(BIN)/python manage.py backup $(BACKUP) $(if $(FORCE),--force)

# Asks before replacing the database; YES=1 for scripts.
restore: $(STAMP)
	@test -n "$(FROM)" || { echo "usage: make restore FROM=var/backups/<file>.backup [YES=1]" >&2; exit 2; }
	DEBUG=1 $(BIN)/python manage.py restore $(FROM) $(if $(YES),--yes)

lint: $(STAMP)
	$(UV) lock --check --python $(PYTHON)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	SECRET_KEY=lint $(BIN)/python manage.py makemigrations --check --dry-run

# The 20 slowest tests are listed after each run, so a slow one is seen (CI has 90 minutes).
PYTEST_ARGS ?= --durations=20

test-sqlite: $(STAMP)
	@echo "=== pytest on SQLite ==="
	DATABASE_URL= $(BIN)/python -m pytest $(PYTEST_ARGS)

test-postgres: $(STAMP)
	@echo "=== pytest on PostgreSQL ==="
	scripts/with-postgres $(BIN)/python -m pytest $(PYTEST_ARGS)

test: lint test-sqlite test-postgres

clean:
	rm -rf $(VENV) build db.sqlite3 db.sqlite3-wal db.sqlite3-shm

# Newsroom-scale benchmark (issue #8) on a throwaway PostgreSQL: pages under wrk against
# /healthz, SQL per page, election night (issue #17: 20 connections on a Zipf-drawn list of
# 1,000 URLs with the page cache on, an editor saving every second and the watching importer
# fed 5 articles a second; throughput, p95, errors, hit ratio, how fast each edit reaches
# every worker), import speed and memory; writes docs/BENCHMARKS.md and docs/benchmarks.json.
# BENCH_ARGS="--scale 0.1" for a quick run; "--only night --night-seconds 10" for one part.
.PHONY: bench
bench: $(STAMP)
	REQUIRE_POSTGRES=1 scripts/with-postgres $(BIN)/python scripts/bench.py $(BENCH_ARGS)

# Import quality (issue #15): the evaluation set in tests/data/eval imported with the real
# import_articles --json into a throwaway SQLite database with the seed, then precision and
# recall per category and every miss (docs/IMPORT_EVAL.md). EVAL_ARGS="--set DIR" for another set.
.PHONY: eval
eval: $(STAMP)
	$(BIN)/python scripts/eval_import.py $(EVAL_ARGS)

# Fault drill (issue #13): gunicorn as `make serve` runs it on a throwaway PostgreSQL, then a
# stopped and a hung database, an edit, an import during edits (PostgreSQL and SQLite),
# backup and restore, and 30 s of load; prints a table (docs/DEPLOYMENT.md). 5-10 minutes.
.PHONY: drill
drill: $(STAMP)
	REQUIRE_POSTGRES=1 scripts/with-postgres $(BIN)/python scripts/drill.py $(DRILL_ARGS)
