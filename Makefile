# The two commands a new user runs: `make run` and `make test`. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run serve test lint install migrate seed test-sqlite test-postgres backup restore clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

migrate: $(STAMP)
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
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	SECRET_KEY=lint $(BIN)/python manage.py makemigrations --check --dry-run

test-sqlite: $(STAMP)
	@echo "=== pytest on SQLite ==="
	DATABASE_URL= $(BIN)/python -m pytest $(PYTEST_ARGS)

test-postgres: $(STAMP)
	@echo "=== pytest on PostgreSQL ==="
	scripts/with-postgres $(BIN)/python -m pytest $(PYTEST_ARGS)

test: lint test-sqlite test-postgres

clean:
	rm -rf $(VENV) build db.sqlite3

# Newsroom-scale benchmark (issue #8) on a throwaway PostgreSQL: pages under wrk against
# /healthz, SQL per page, import speed and memory; writes docs/BENCHMARKS.md and
# docs/benchmarks.json in under 15 minutes. BENCH_ARGS="--scale 0.1" for a quick run.
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
