# newsdesk: `make run` sets up and runs the portal job on the example pages;
# `make test` sets up and runs the tests.  Both work on a fresh machine.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
DB     ?= newsdesk.db

.PHONY: setup browser postgres run serve test lint format bench clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

setup: $(BIN)/.installed

# The browser tests drive Debian's chromium (never a downloaded browser) and need a
# CJK font to render Chinese; installed once, as root or through sudo.
browser:
	@if [ ! -x /usr/bin/chromium ] || ! command -v tidy >/dev/null || ! fc-list 2>/dev/null | grep -qi wenquanyi; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei tidy >/dev/null; \
	fi

# The PostgreSQL server the store tests start a throw-away cluster of (Debian's
# package; its programs live outside PATH, which the tests know).
postgres:
	@if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 && ! command -v pg_ctl >/dev/null; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; \
	fi

HOST ?= 127.0.0.1
PORT ?= 8000
# The seed pages of the shared evaluation folder beside the repo, when it is there.
SEEDS := $(wildcard ../shared/seeds)

run: setup
	$(BIN)/newsdesk ingest examples $(SEEDS) --db $(DB)
	$(BIN)/newsdesk list --db $(DB)
	$(BIN)/newsdesk serve --db $(DB) --host $(HOST) --port $(PORT)

CHECKED := src tests benchmarks scripts

# Every store test runs on SQLite and on a PostgreSQL server the tests start.
test: lint browser postgres
	NEWSDESK_TEST_POSTGRES=1 $(BIN)/pytest

# Lint, formatting and types are part of the tests: CI refuses what they refuse.
lint: setup
	$(BIN)/ruff check $(CHECKED)
	$(BIN)/ruff format --check $(CHECKED)
	$(BIN)/mypy src

format: setup
	$(BIN)/ruff format $(CHECKED)
	$(BIN)/ruff check --fix $(CHECKED)

bench: setup
	$(BIN)/python benchmarks/ingest.py

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm build src/*.egg-info .pytest_cache .ruff_cache
