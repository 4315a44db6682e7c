# Policy Timeline: every task a contributor or CI runs. `make help` lists them.
# Needs only Python 3.11+, make and (for the tests, as root) apt. Everything else
# is installed into .venv (from the hashed lock files) and node_modules (from
# package-lock.json).

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
MKDOCS := $(VENV)/bin/mkdocs
CLI    := $(VENV)/bin/policy-timeline
EVENTS ?= $(or $(TIMELINE_EVENTS_DIR),events)
PORT   ?= 8000

# Python's compiled files live outside the checkout, and every __pycache__ in it is
# ignored: a commit cannot plant compiled code that a build would run
# (policy_timeline/mkdocs/checkout.py).
export PYTHONPYCACHEPREFIX ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/policy-timeline/pycache

# Material for MkDocs prints a banner about its successor on every build; keep logs readable.
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: help site site-zensical serve-zensical deploy-site dist serve validate test test-fast lint bench export screenshots lock chromium node \
        python clean

## help: this list
help:
	@sed -n 's/^## \([^:]*\): /\1\t/p' $(MAKEFILE_LIST) | expand -t 14

# One line, up front, when the Python is too old, not 400 lines of pip.
python:
	@$(PYTHON) -c 'import sys; v = sys.version_info; sys.exit(0 if v >= (3, 11) else \
		"make: Python 3.11 or newer is needed; $(PYTHON) is %d.%d. Install it, or run make PYTHON=python3.11" % v[:2])'

# A .venv made by another Python (an older one, a half-made one) is made again.
$(VENV)/.python: python
	@want="$$($(PYTHON) -c 'import sys; print(sys.version)')"; \
	if [ ! -x $(PY) ] || [ "$$($(PY) -c 'import sys; print(sys.version)' 2>/dev/null)" != "$$want" ]; then \
		rm -rf $(VENV) && $(PYTHON) -m venv $(VENV) && \
		$(PY) -m pip install --quiet --upgrade pip && echo "$$want" > $@; \
	fi

# __init__.py holds the version: the installed package's metadata follows it.
$(VENV)/.runtime: requirements.lock pyproject.toml policy_timeline/__init__.py | $(VENV)/.python
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.dev: requirements-dev.lock $(VENV)/.runtime
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@

## site: validate the events, then build the site into site/ (strict: any warning fails)
site: $(VENV)/.runtime
	$(CLI) validate $(EVENTS)
	TIMELINE_EVENTS_DIR=$(EVENTS) $(MKDOCS) build --strict --site-dir site

# Zensical, pinned with hashes (the runtime's pins, and Zensical's).
$(VENV)/.zensical: requirements-zensical.lock $(VENV)/.runtime
	$(PY) -m pip install --quiet --require-hashes -r requirements-zensical.lock
	touch $@

## site-zensical: the same site built by Zensical into site/ (the files host: policy-timeline generate)
site-zensical: $(VENV)/.zensical
	$(CLI) validate $(EVENTS)
	TIMELINE_EVENTS_DIR=$(EVENTS) $(CLI) generate
	rm -rf .policy-timeline/site
	TIMELINE_EVENTS_DIR=$(EVENTS) $(VENV)/bin/zensical build -f .policy-timeline.yml
	rm -rf site && mv .policy-timeline/site site

## serve-zensical: Zensical's live preview on http://127.0.0.1:8000, generating again on every save
serve-zensical: $(VENV)/.zensical
	TIMELINE_EVENTS_DIR=$(EVENTS) $(CLI) generate
	TIMELINE_EVENTS_DIR=$(EVENTS) $(CLI) generate --watch & \
		trap 'kill $$!' EXIT INT TERM; \
		TIMELINE_EVENTS_DIR=$(EVENTS) $(VENV)/bin/zensical serve -f .policy-timeline.yml -a 127.0.0.1:$(PORT)

## deploy-site: the site as published: needs SITE_URL (never localhost); "today" is the commit's time
deploy-site: $(VENV)/.runtime
	$(CLI) validate $(EVENTS)
	TIMELINE_DEPLOY=1 TIMELINE_EVENTS_DIR=$(EVENTS) \
		SOURCE_DATE_EPOCH=$${SOURCE_DATE_EPOCH:-$$(git log -1 --format=%ct)} \
		$(MKDOCS) build --strict --site-dir site

## serve: live preview on http://127.0.0.1:8000 (another port: make serve PORT=8001), reloading on every save
serve: $(VENV)/.runtime
	TIMELINE_EVENTS_DIR=$(EVENTS) $(MKDOCS) serve --dev-addr 127.0.0.1:$(PORT)

## validate: check every event file; prints path:LINE: field: message for each problem
validate: $(VENV)/.runtime
	$(CLI) validate $(EVENTS)

## export: write the data exports (JSON, CSV, TimelineJS, schema, figure) into exports/
export: $(VENV)/.runtime
	$(CLI) export exports --events-dir $(EVENTS)

## lint: ruff (lint and format check) and mypy on the engine, ESLint on its scripts
lint: $(VENV)/.dev lint-js
	$(VENV)/bin/ruff check policy_timeline macros tests bench scripts
	$(VENV)/bin/ruff format --check policy_timeline macros
	$(VENV)/bin/mypy

.PHONY: lint-js test-js
## lint-js: ESLint on the engine's scripts and their tests (eslint.config.js)
lint-js: node_modules/.installed
	node_modules/.bin/eslint .

## test-fast: the tests that need neither a browser nor a site build, on every core (about a minute)
test-fast: $(VENV)/.dev
	$(PY) -m pytest -q -n auto -m "not browser and not site"

# The wheels of every locked runtime dependency and of the build backend: the test that runs
# a new site's pull-request workflow (tests/authoring/test_new_site_ci.py) installs from
# them alone, offline. Downloaded once, before the tests run.
WHEELHOUSE := $(VENV)/wheelhouse
$(WHEELHOUSE)/.complete: requirements.lock pyproject.toml | $(VENV)/.python
	rm -rf $(WHEELHOUSE)
	$(PY) -m pip download --quiet --require-hashes -r requirements.lock -d $(WHEELHOUSE)
	$(PY) -m pip download --quiet "setuptools>=77" -d $(WHEELHOUSE)
	# A dependency published only as source is built into a wheel now, while online.
	for sdist in $(WHEELHOUSE)/*.tar.gz; do \
		[ -e "$$sdist" ] || continue; \
		$(PY) -m pip wheel --quiet --no-deps -w $(WHEELHOUSE) "$$sdist" && rm "$$sdist" || exit 1; \
	done
	touch $@

## test: install what the tests need, then run the whole test suite (Node's, then pytest)
test: $(VENV)/.dev node_modules/.installed chromium $(WHEELHOUSE)/.complete
	$(MAKE) --no-print-directory test-js
	$(PY) -m pytest

## test-js: the scripts' unit tests and the vectors they share with pytest, under node --test
test-js: node_modules/.installed
	node --test tests/js/*.test.js

## bench: build, validation and browser benchmarks (prints figures, writes bench/results/)
bench: $(VENV)/.dev node_modules/.installed chromium
	$(PY) bench/run.py

## screenshots: the README's pictures of the timeline, from the built site in headless Chromium
screenshots: $(VENV)/.dev chromium
	$(PY) scripts/screenshots.py

## lock: pin every dependency again, with hashes (requirements.lock, requirements-dev.lock)
lock: $(VENV)/.dev
	$(PY) -m pip install --quiet pip-tools
	$(VENV)/bin/pip-compile -q --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url \
		--no-emit-find-links -o requirements.lock pyproject.toml
	$(VENV)/bin/pip-compile -q --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url \
		--no-emit-find-links --extra dev -o requirements-dev.lock pyproject.toml
	$(VENV)/bin/pip-compile -q --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url \
		--no-emit-find-links --extra zensical -o requirements-zensical.lock pyproject.toml

node_modules/.installed: package.json package-lock.json | node
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Node.js with npm (axe-core and TimelineJS3 for the tests), from apt when missing and root.
node:
	@if command -v npm >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; \
	else \
		echo "make: npm is missing. Install Node.js with npm (sudo apt-get install nodejs npm) and run make again." >&2; \
		exit 1; \
	fi

## chromium: Debian's Chromium for the browser tests (installed when missing and root)
chromium:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "make: /usr/bin/chromium is missing. Install Debian's chromium package (sudo apt-get install chromium) and run make again." >&2; \
		exit 1; \
	fi

## dist: build the sdist and the wheel into dist/ and check them (twine, what the wheel holds)
dist: $(VENV)/.dev
	rm -rf dist
	$(PY) -m build --sdist --wheel --outdir dist .
	$(VENV)/bin/twine check --strict dist/*
	$(PY) scripts/check_release.py --dist dist

.PHONY: scaffold-docs
## scaffold-docs: a new site's Event file format page again, from docs/reference/event-format.md
scaffold-docs: $(VENV)/.runtime
	$(PY) tests/authoring/test_scaffold_docs.py

## clean: remove the built site, the exports, caches and .venv
clean:
	rm -rf site dist .policy-timeline .policy-timeline.yml exports .pytest_cache .hypothesis .mypy_cache .ruff_cache $(VENV) policy_timeline.egg-info
