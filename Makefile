# planextract: `make run` converts samples/ into output/, `make test` runs the whole suite.
# Both create .venv and install the pinned dependencies (constraints.txt) on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: install run test lint audit schema samples clean

$(INSTALLED): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[dev]"
	touch $(INSTALLED)

install: $(INSTALLED)

run: install
	$(BIN)/planextract extract samples --out output

test: install
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check .

audit: run
	$(BIN)/planextract audit --gold samples --pred output

schema: install
	$(BIN)/planextract schema > schemas/plan.schema.json

samples: install
	$(BIN)/python samples/build.py

clean:
	rm -rf output .pytest_cache .ruff_cache
