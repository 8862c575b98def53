# planextract: `make run` converts samples/ into output/, `make test` runs the whole suite.
# Both create .venv and install the pinned dependencies (constraints.txt) on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: install system-packages run test lint audit schema samples scans scans-audit clean variants variant-packages matrix heldout engines

$(INSTALLED): pyproject.toml constraints.txt
	command -v tesseract >/dev/null && command -v chromedriver >/dev/null || $(MAKE) system-packages
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[dev]"
	$(MAKE) --no-print-directory bytecode
	touch $(INSTALLED)

install: $(INSTALLED)

# From Debian's packages (as root, or with sudo): Tesseract for --ocr, and
# Chromium with its driver for the report's browser test.
system-packages:
	$(if $(filter 0,$(shell id -u)),,sudo) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(if $(filter 0,$(shell id -u)),,sudo) apt-get install -y -qq tesseract-ocr chromium chromium-driver

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

# The layout variants of the samples (variants/, samples/variants.py): reportlab, python-docx with
# LibreOffice, and headless Chromium, installed when missing. `make matrix` audits them all into docs/MATRIX.md.
variants: install
	command -v soffice >/dev/null && command -v chromium >/dev/null && fc-list | grep -q "Liberation Serif" && fc-list | grep -q "DejaVu Sans" || $(MAKE) variant-packages
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[dev,variants]"
	cd samples && ../$(BIN)/python variants.py

variant-packages:
	$(if $(filter 0,$(shell id -u)),,sudo) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(if $(filter 0,$(shell id -u)),,sudo) apt-get install -y -qq libreoffice-writer-nogui chromium fonts-liberation fonts-dejavu-core

matrix: install
	$(BIN)/python samples/matrix.py

# Layouts nobody tuned to: the samples that are no base of the matrix drawn by the three producers
# into a temporary folder and audited (samples/heldout.py); needs what `make variants` installs.
heldout: install
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[dev,variants]"
	cd samples && ../$(BIN)/python heldout.py

# Both table engines on every variant: lists each variant whose Plans differ (camelot is slow: niced, cached).
engines: install
	nice -n 10 $(BIN)/python samples/engines.py

# The scanned test set (tests/fixtures/scanned/README.md): `scans` remakes it from the sample
# PDFs; `scans-audit` reads every scan with --ocr (`make test` reads one per resolution).
scans: install
	$(BIN)/python samples/scan.py

scans-audit: install
	PLANEXTRACT_ALL_SCANS=1 nice -n 10 $(BIN)/python -m pytest -q tests/test_ocr.py

# The package's modules compiled once, as a non-editable install does: with PYTHONDONTWRITEBYTECODE set,
# an editable install would otherwise compile them on every start (a tenth of a second).
.PHONY: bytecode
bytecode:
	$(BIN)/python -m compileall -q extract schemas

clean:
	rm -rf output .pytest_cache .ruff_cache

# Not part of `make test`: times planextract and its baselines, writes bench/results.md (bench/README.md).
.PHONY: bench
bench: install bytecode
	$(BIN)/python bench/bench.py
