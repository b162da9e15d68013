# Two commands a new user needs: `make run` and `make test`. Everything else builds on .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The event coder compiled with mypyc, rebuilt whenever its sources change (tools/build_coder.py;
# the coder stays pure Python where no C compiler is found).
# The same list as wirewatch/coding/_coder_modules.py (tests/test_coder_build.py checks).
CODER_SOURCES := $(addprefix wirewatch/coding/,$(addsuffix .py,actors lexicon sentences \
	speakers patterns verbs matching slots background modality dyads topic statements events))
CODER_STAMP := wirewatch/coding/_compiled.json

.PHONY: run test lint bench clean

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "wirewatch needs Python 3.11+; run: make PYTHON=python3.11 ..."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $(STAMP)

$(CODER_STAMP): $(STAMP) $(CODER_SOURCES)
	$(BIN)/python tools/build_coder.py

## Ingest the bundled sample folder into ./wirewatch.duckdb (Prefect without a server).
run: $(STAMP) $(CODER_STAMP)
	$(BIN)/wirewatch run seeds --db wirewatch.duckdb

## Lint, then the whole test suite.
test: $(STAMP) $(CODER_STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .

bench: $(STAMP) $(CODER_STAMP)
	$(BIN)/python bench/ingest.py

clean:
	rm -rf $(VENV) wirewatch.duckdb wirewatch.duckdb.wal wirewatch.duckdb.bandindex
	rm -f $(CODER_STAMP) wirewatch/coding/*.so wirewatch_coder__mypyc*.so
