# newsdesk: `make run` sets up and runs the portal job on the example pages;
# `make test` sets up and runs the tests.  Both work on a fresh machine.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
DB     ?= newsdesk.db

.PHONY: setup run test lint format bench clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

setup: $(BIN)/.installed

run: setup
	$(BIN)/newsdesk ingest examples --db $(DB)
	$(BIN)/newsdesk list --db $(DB)

test: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/pytest

lint: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

format: setup
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

bench: setup
	$(BIN)/python benchmarks/ingest.py

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm build src/*.egg-info .pytest_cache .ruff_cache
