# Two commands matter:  make demo  and  make test  (see README.md).
# Both create .venv from pyproject.toml the first time.

# The first Python 3.11+ found (nbgrader 0.9.6 and pandas 3 need 3.11 or newer).
PYTHON ?= $(shell for p in python3.11 python3.12 python3.13 python3; do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && echo $$p && break; done)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
# axe-core, the accessibility checker the browser tests inject into pages (from npm).
AXE := .cache/axe/node_modules/axe-core/axe.min.js

# configurable-http-proxy, the hub's proxy (from npm, at a fixed version; never fetched at run time).
PROXY := .cache/hub/node_modules/.bin/configurable-http-proxy
# The environment trainees' and trainers' servers run from: made from a system Python that
# every account can run (a Python under /root cannot be run by them), at a shared prefix.
HUB_ENV ?= /opt/peer2peer/env
HUB_PYTHON ?= $(shell for p in /usr/bin/python3.13 /usr/bin/python3.12 /usr/bin/python3.11 /usr/bin/python3; do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && echo $$p && break; done)
HUB_PORT ?= 8000
HUB_FOLDER ?= /srv/peer2peer/hub-demo

.PHONY: demo test test-slow check build bench bench-hub lint format clean hub-proxy hub-env hub-demo

$(INSTALLED): pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.11 or newer is needed (nbgrader 0.9.6 needs it). Install it, then run make again."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(INSTALLED)

# SERVE=no makes the demo and stops there (CI does, as nobody is there to look).
SERVE ?= yes

demo: $(INSTALLED)  ## Build the curriculum, make the demo cohort, serve its dashboard.
	$(BIN)/peer2peer demo $(if $(filter yes,$(SERVE)),--serve)

# Every Python file git knows of (tracked, or new and not ignored), named one by one: ruff
# skips folders such as build/ when it walks a tree, but never a file it is given.
PYFILES = $(shell git ls-files --cached --others --exclude-standard '*.py' 2>/dev/null || find src tests bench -name '*.py')

lint: $(INSTALLED)  ## ruff check and ruff format --check over every Python file.
	@$(BIN)/ruff check $(PYFILES)
	@$(BIN)/ruff format --check $(PYFILES)

# The fast suite runs on every core up to 4 (pytest-xdist); a file's tests share one worker.
TEST_JOBS ?= $(shell n=$$(nproc 2>/dev/null || echo 2); [ $$n -gt 4 ] && n=4; echo $$n)

test: lint  ## Lint, then the fast test suite.
	$(BIN)/pytest -m "not slow" -q -n $(TEST_JOBS) --dist loadfile

$(AXE):
	npm install --silent --no-save --no-audit --no-fund --prefix .cache/axe axe-core@4

$(PROXY):
	npm install --silent --no-save --no-audit --no-fund --prefix .cache/hub configurable-http-proxy@5.3.0

hub-proxy: $(PROXY)  ## Install configurable-http-proxy (npm) for the hub.

$(HUB_ENV)/.installed: pyproject.toml $(shell git ls-files src 2>/dev/null)
	@test -n "$(HUB_PYTHON)" || { echo "The hub needs a Python 3.11 or newer outside /root (e.g. /usr/bin/python3.11). Install one (apt-get install python3 python3-venv), then run make again."; exit 1; }
	$(HUB_PYTHON) -m venv $(HUB_ENV)
	$(HUB_ENV)/bin/python -m pip install --quiet --upgrade pip
	@# From a copy: pip builds in the source tree, and build/ is the curriculum's.
	copy=$$(mktemp -d) && cp -r pyproject.toml README.md src $$copy/ \
	  && $(HUB_ENV)/bin/python -m pip install --quiet --force-reinstall --no-deps $$copy \
	  && $(HUB_ENV)/bin/python -m pip install --quiet $$copy; status=$$?; rm -rf $$copy; exit $$status
	chmod -R a+rX $(HUB_ENV)
	@touch $@

hub-env: $(HUB_ENV)/.installed  ## Make the shared environment users' servers run from (as root).

hub-demo: $(INSTALLED) $(PROXY) hub-env  ## Serve the demo cohort through JupyterHub on 127.0.0.1 (as root).
	PEER2PEER_HUB_ENV=$(HUB_ENV) PEER2PEER_PROXY=$(PROXY) $(BIN)/peer2peer hub demo --port $(HUB_PORT) --folder $(HUB_FOLDER)

test-slow: $(INSTALLED) $(AXE) $(PROXY) hub-env  ## End-to-end tests with real servers and browsers (CI runs these too).
	$(BIN)/pytest -m slow -q

check: $(INSTALLED)  ## Validate the curriculum files.
	$(BIN)/peer2peer check

build: $(INSTALLED)  ## Build the nbgrader course into build/course.
	$(BIN)/peer2peer build

bench: $(INSTALLED)  ## Every figure beside its baseline from the same run (build, grading, records, pages: 20-40 minutes).
	$(BIN)/python bench/bench_build.py
	$(BIN)/python bench/bench_grading.py
	$(BIN)/python bench/bench_records.py
	$(BIN)/python bench/bench_progress.py
	$(BIN)/python bench/bench_pages.py

bench-hub: $(INSTALLED) $(PROXY) hub-env  ## 20 trainees through a real hub at once (as root; a few minutes).
	$(BIN)/python bench/bench_hub.py

format: $(INSTALLED)  ## Format and fix every Python file.
	$(BIN)/ruff format $(PYFILES)
	$(BIN)/ruff check --fix $(PYFILES)

clean:
	rm -rf build .pytest_cache .ruff_cache
