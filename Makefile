# SPDX-FileCopyrightText: 2026 Open Hilversum contributors
#
# SPDX-License-Identifier: EUPL-1.2

# Open Hilversum. `make serve` and `make test` set up everything they need on first use.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# Editors' mistakes are listed first, cleanly, by the content check; Pelican then builds.
CHECK := $(PY) -m content_check
PORT ?= 8000
SITEURL ?=

.PHONY: help setup serve html publish check test lint bench clean

help:
	@echo "make serve    build the site and serve it at http://localhost:$(PORT), rebuilding on changes"
	@echo "make test     run every test, browser tests included"
	@echo "make html     development build into output/"
	@echo "make publish  production build (publishconf.py, SITEURL=...) and output check"
	@echo "make check    validate content and data only (fast, for editors)"
	@echo "make bench    benchmark figures (large generated register)"
	@echo "make lint     ruff, the import contracts and the workflow audit"

# The environment: rebuilt when the pinned requirements change.
$(VENV)/.requirements: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

# The project installs itself (editable): the packages of plugins/<layer>/ import by their own names. Again
# when its metadata change or a package folder is added to a layer (the layer folder's time changes), so a
# new package is importable at once.
$(VENV)/.installed: $(VENV)/.requirements pyproject.toml $(wildcard plugins/*/)
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

setup: $(VENV)/.installed node_modules/.installed

serve: setup
	$(PY) -m live_preview --port $(PORT)

# Content check, Pelican (with the search index) and the output check in one process: every
# editor file is read and validated once (site_build). Pelican stops at any warning.
BUILD := $(PY) -m site_build

html: setup
	$(BUILD) pelicanconf.py -o output --sources content data

publish: setup
	SITEURL="$(SITEURL)" $(BUILD) publishconf.py -o output --site-url "$(SITEURL)" --sources content data

check: $(VENV)/.installed
	$(CHECK)

# Spread over every core (pytest-xdist); the ten slowest tests are listed at the end. The tests' files go to one
# folder per working copy: the previous run's (kept after a failed run, to look into it) is moved aside and
# deleted in the background once the tests are done, not file by file at the end of the run, as pytest does
# with its numbered folders (~10 s on a busy machine, minutes when other test runs share them), nor while they
# run (its ~70,000 files took a few seconds of the two cores the tests use). They are written in memory
# (/dev/shm) when it has room and TMPDIR names no other place: on this VM's disk a folder took ~0.2 ms to make,
# and the suite ran ~8% slower there (3:38 against 3:20). Compiled modules are kept (__pycache__, ignored by git)
# even where the environment says not to (PYTHONDONTWRITEBYTECODE): each test worker and each preview or build
# process the tests start would compile the plugins again, and pytest rewrite every test module's asserts.
SHM_ROOM := $(shell df -Pk /dev/shm 2>/dev/null | awk 'NR == 2 && $$4 > 4000000 {print "yes"}')
TEST_ROOT := $(or $(TMPDIR),$(if $(SHM_ROOM),/dev/shm,/tmp))
TEST_TMP := $(TEST_ROOT)/open-hilversum-tests$(subst /,-,$(CURDIR))

test: setup
	@if [ -e "$(TEST_TMP)" ]; then mv "$(TEST_TMP)" "$(TEST_TMP).old.$$$$"; fi
	@TMPDIR="$(TEST_ROOT)" PYTHONDONTWRITEBYTECODE= $(PY) -m pytest -n auto --durations=10 --basetemp="$(TEST_TMP)"; status=$$?; \
		if [ $$status -eq 0 ]; then mv "$(TEST_TMP)" "$(TEST_TMP).old.$$$$"; fi; \
		(nice rm -rf "$(TEST_TMP)".old.* >/dev/null 2>&1 &); exit $$status

# ruff for the Python; the import contracts (pyproject.toml) for the architecture; zizmor audits the GitHub
# Actions workflow offline (pins, credentials, permissions).
lint: $(VENV)/.installed
	$(PY) -m ruff check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/zizmor --offline .github/workflows

bench: setup
	$(PY) tests/bench.py

clean:
	rm -rf output .output-* .pytest_cache
