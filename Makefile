# Every target sets up .venv from the pinned dependencies on first use, and again
# only when requirements.lock or pyproject.toml change.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# A second environment with ProperDocs and no MkDocs, for the tests that prove the plugin
# and `check` need only one of the two engines.
PD_VENV := .venv-properdocs
PD_STAMP := $(PD_VENV)/.installed
# The W3C HTML checker (vnu.jar), pinned in package.json and package-lock.json.
NODE_STAMP := node_modules/.installed
# Material prints a notice on every run that it reaches end of life on 5 May 2027. Hidden
# here because README.md says what that means and what we will do: "When Material for
# MkDocs reaches end of life". Remove this line to see the notice again.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test check new bench bench-large lint clean chromium test-tools

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=...)")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@# An editable install is not byte-compiled, and PYTHONDONTWRITEBYTECODE machines never
	@# write the cache: without this, every build compiles the plugin again (about 50 ms).
	$(BIN)/python -m compileall -q plugins
	touch $(STAMP)

$(PD_STAMP): requirements-properdocs.lock requirements.lock pyproject.toml
	test -x $(PD_VENV)/bin/python || $(PYTHON) -m venv $(PD_VENV)
	$(PD_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-properdocs.lock
	$(PD_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps \
		$$(grep '^mkdocs-material==' requirements.lock)
	$(PD_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(PD_STAMP)

serve: $(STAMP)
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000 --watch plugins

build: $(STAMP)
	SOURCE_DATE_EPOCH=$$(git log -1 --format=%ct 2>/dev/null || date +%s) $(BIN)/mkdocs build --strict

# The engine's tests run a second time on ProperDocs without MkDocs, beside the first run
# (in its own temporary folder, its report printed after the first's): the browser tests
# spend much of their time waiting on Chromium, and this uses the processor meanwhile. Not
# the browser tests again: ProperDocs writes the site byte for byte as MkDocs does
# (tests/repo/test_engines.py), and they read only what the build wrote.
PD_TESTS = $(PD_VENV)/bin/python -m pytest -p no:cacheprovider tests/engine --ignore-glob='tests/engine/*_browser.py'

test: $(STAMP) $(PD_STAMP) chromium test-tools $(NODE_STAMP)
	@work=$$(mktemp -d); \
	$(PD_TESTS) --basetemp="$$work/tmp" > "$$work/log" 2>&1 & engine=$$!; \
	trap 'kill $$engine 2>/dev/null; rm -rf "$$work"' EXIT; \
	$(BIN)/python -m pytest --durations=10; first=$$?; \
	wait $$engine; second=$$?; \
	echo "The engine's tests again, on ProperDocs without MkDocs (all but the browser tests): $(PD_TESTS)"; \
	cat "$$work/log"; \
	test $$first = 0 && test $$second = 0

# --ignore-scripts: vnu-jar's install script would download a Java; the tests use the system's.
$(NODE_STAMP): package.json package-lock.json | test-tools
	@command -v npm >/dev/null 2>&1 || { echo "npm is missing, so the HTML checker cannot be installed: sudo apt-get install npm"; exit 1; }
	npm ci --no-audit --no-fund --ignore-scripts
	touch $(NODE_STAMP)

# The browser tests drive the system's Chromium (never a downloaded one). Installed
# here when it is missing and we can (Debian or Ubuntu, as root); otherwise those
# tests fail and say how to get it.
chromium:
	@if [ -n "$$CHROMIUM" ] || command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing Chromium for the browser tests (apt-get install chromium)"; \
		apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; \
	else echo "Chromium is missing: the browser tests will fail. Install it (sudo apt-get install chromium) or set CHROMIUM."; fi

# The other programs the tests use: Java runs the HTML checker, npm installs it, and
# pdftotext reads the PDF the print test makes. Installed like Chromium, when missing and we can.
test-tools:
	@need=""; \
	command -v java >/dev/null 2>&1 || need="$$need default-jre-headless"; \
	command -v node >/dev/null 2>&1 || need="$$need nodejs"; \
	command -v npm >/dev/null 2>&1 || need="$$need npm"; \
	command -v pdftotext >/dev/null 2>&1 || need="$$need poppler-utils"; \
	if [ -z "$$need" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing what the tests need (apt-get install$$need)"; \
		apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$need; \
	else echo "Missing:$$need. The tests that need them will fail: sudo apt-get install$$need"; fi

# `make check FILES="posts/a.md toolkit/b.md"` reports only those files' problems.
check: $(STAMP)
	@$(BIN)/python -m coproduction check $(FILES)

# `make new KIND=post TITLE="Our first meeting"` (AUTHOR=id for a dated kind): never overwrites.
new: $(STAMP)
	@test -n "$(KIND)" -a -n "$(TITLE)" || { echo 'Usage: make new KIND=post TITLE="Your title" [AUTHOR=your-id]'; exit 2; }
	@$(BIN)/python -m coproduction new "$(KIND)" "$(TITLE)" $(if $(AUTHOR),--author "$(AUTHOR)")

# `make bench ARGS="--quick"` passes options to benchmarks/bench.py; `make bench-large` is
# its --large run (20,000 pages). `make bench --large` cannot work: make takes --large as its own.
# Both byte-compile the plugin first: after an edit, a PYTHONDONTWRITEBYTECODE machine would
# otherwise compile it again in every build it times (about 50 ms a build, measured here).
bench: $(STAMP)
	$(BIN)/python -m compileall -q plugins
	$(BIN)/python benchmarks/bench.py $(ARGS)

bench-large: $(STAMP)
	$(BIN)/python -m compileall -q plugins
	$(BIN)/python benchmarks/bench.py --large $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check plugins tests benchmarks
	$(BIN)/mypy

clean:
	rm -rf site $(VENV) $(PD_VENV) node_modules tests/screenshots
