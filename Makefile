# Every target sets up .venv from the pinned dependencies on first use, and again
# only when requirements.lock or pyproject.toml change.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Material prints an end-of-life notice on every run; README.md explains the plan instead.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test check bench lint clean

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=...)")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --watch plugins

build: $(STAMP)
	SOURCE_DATE_EPOCH=$$(git log -1 --format=%ct 2>/dev/null || date +%s) $(BIN)/mkdocs build --strict

test: $(STAMP)
	$(BIN)/python -m pytest

check: $(STAMP)
	@$(BIN)/python -m coproduction check

bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py

lint: $(STAMP)
	$(BIN)/ruff check plugins tests benchmarks
	$(BIN)/mypy

clean:
	rm -rf site $(VENV)
