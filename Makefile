# Two commands a new user needs: `make run` and `make test`. Everything else builds on .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "wirewatch needs Python 3.11+; run: make PYTHON=python3.11 ..."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $(STAMP)

## Ingest the bundled sample folder into ./wirewatch.duckdb (Prefect without a server).
run: $(STAMP)
	$(BIN)/wirewatch run seeds --db wirewatch.duckdb

## Lint, then the whole test suite.
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .

bench: $(STAMP)
	$(BIN)/python bench/ingest.py

clean:
	rm -rf $(VENV) wirewatch.duckdb wirewatch.duckdb.wal
