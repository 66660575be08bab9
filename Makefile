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

.PHONY: demo test test-slow check build bench lint format clean

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

test: lint  ## Lint, then the fast test suite.
	$(BIN)/pytest -m "not slow" -q

$(AXE):
	npm install --silent --no-save --no-audit --no-fund --prefix .cache/axe axe-core@4

test-slow: $(INSTALLED) $(AXE)  ## End-to-end tests with real servers and browsers (CI runs these too).
	$(BIN)/pytest -m slow -q

check: $(INSTALLED)  ## Validate the curriculum files.
	$(BIN)/peer2peer check

build: $(INSTALLED)  ## Build the nbgrader course into build/course.
	$(BIN)/peer2peer build

bench: $(INSTALLED)  ## Print the benchmarks (build, grading, dashboards: about ten minutes).
	$(BIN)/python bench/bench_build.py
	$(BIN)/python bench/bench_grading.py
	$(BIN)/python bench/bench_progress.py
	$(BIN)/python bench/bench_dashboard_page.py

format: $(INSTALLED)  ## Format and fix every Python file.
	$(BIN)/ruff format $(PYFILES)
	$(BIN)/ruff check --fix $(PYFILES)

clean:
	rm -rf build .pytest_cache .ruff_cache
