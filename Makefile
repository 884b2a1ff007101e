# The two commands a new user runs: `make run` and `make test`. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run test lint install migrate seed test-sqlite test-postgres clean

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
