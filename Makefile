# Policy Timeline: every task a contributor or CI runs.
# Needs only Python 3.11+, make and (for tests, as root) apt. Everything else
# is installed into .venv and node_modules from pinned files.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
MKDOCS := $(VENV)/bin/mkdocs
EVENTS ?= $(or $(TIMELINE_EVENTS_DIR),events)

# Material for MkDocs prints a banner about its successor on every build; keep logs readable.
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve validate test bench export screenshots chromium clean

$(VENV)/.runtime: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt requirements.txt $(VENV)/.runtime
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

## site: validate the events, then build the site into site/ (strict: any warning fails)
site: $(VENV)/.runtime
	$(PY) -m macros validate $(EVENTS)
	TIMELINE_EVENTS_DIR=$(EVENTS) $(MKDOCS) build --strict --site-dir site

## serve: live preview on http://127.0.0.1:8000, reloading when an event or a doc changes
serve: $(VENV)/.runtime
	TIMELINE_EVENTS_DIR=$(EVENTS) $(MKDOCS) serve --dev-addr 127.0.0.1:8000

## validate: check every event file; prints path:LINE: field: message for each problem
validate: $(VENV)/.runtime
	$(PY) -m macros validate $(EVENTS)

## export: write the data exports (JSON, CSV, TimelineJS, schema, figure) into exports/
export: $(VENV)/.runtime
	$(PY) -m macros export exports --events-dir $(EVENTS)

## chromium: Debian's Chromium for the browser tests (installed when missing and root)
chromium:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "make test: /usr/bin/chromium is missing. Install Debian's chromium package (sudo apt-get install chromium) and run make test again." >&2; \
		exit 1; \
	fi

## test: install what the tests need, then run the whole suite
test: $(VENV)/.dev node_modules/.installed chromium
	$(PY) -m pytest

## bench: build-time, validation and browser benchmarks (prints figures, writes bench/results/)
bench: $(VENV)/.dev chromium
	$(PY) bench/run.py

## screenshots: the README's pictures of the timeline, from the built site in headless Chromium
screenshots: $(VENV)/.dev chromium
	$(PY) scripts/screenshots.py

clean:
	rm -rf site exports .pytest_cache
