# AromaSouQ — the two commands: `make run` and `make test`. Everything else here is what they need.
SHELL := /bin/bash
.DEFAULT_GOAL := run
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FONTS := static/vendor/fonts

.PHONY: run test test-unit test-integration test-e2e lint-css install install-dev frontend translations chromium clean-test-results translations-update

## make run: the whole marketplace with demo data at http://127.0.0.1:$${PORT:-5000}
run: install frontend translations
	$(BIN)/python -m app.launcher

## make test: unit, integration and browser tests on real PostgreSQL, Redis, RQ worker and Chromium
test: install-dev frontend translations chromium
	$(BIN)/python -m pytest

test-unit test-integration test-e2e: install-dev frontend translations chromium
	$(BIN)/python -m pytest tests/$(subst test-,,$@)

## make lint-css: stylelint over static/css (rules in stylelint.config.mjs); .ci/run calls it before the tests
lint-css: frontend
	node_modules/.bin/stylelint "static/css/**/*.css"

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=…)")'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(VENV)/.installed $@

## front-end packages from the npm registry, copied into static/vendor (never committed, never a CDN)
frontend: static/vendor/.installed

static/vendor/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	rm -rf static/vendor && mkdir -p $(FONTS)
	cp node_modules/htmx.org/dist/htmx.min.js static/vendor/htmx.min.js
	cp node_modules/@fontsource/ibm-plex-sans-arabic/files/ibm-plex-sans-arabic-{arabic,latin}-{400,500,600}-normal.woff2 $(FONTS)/
	cp node_modules/@fontsource/amiri/files/amiri-{arabic,latin}-{400,700}-normal.woff2 $(FONTS)/
	cp node_modules/@fontsource/cormorant-garamond/files/cormorant-garamond-latin-{500,600}-{normal,italic}.woff2 $(FONTS)/
	touch $@

translations: translations/ar/LC_MESSAGES/messages.mo

translations/ar/LC_MESSAGES/messages.mo: translations/ar/LC_MESSAGES/messages.po | $(VENV)/.installed
	$(BIN)/pybabel compile --use-fuzzy -d translations --statistics 2>&1 | tail -n 1
	@touch $@

## after changing strings: extract them and merge into translations/ar/LC_MESSAGES/messages.po
translations-update: install
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o translations/messages.pot --no-location --sort-output .
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching --ignore-obsolete --no-wrap

## Chromium for Playwright: Debian's /usr/bin/chromium, installed with apt when we are root on Debian
chromium:
	@if [ -x /usr/bin/chromium ]; then echo "chromium: /usr/bin/chromium"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null && echo "chromium: installed with apt"; \
	else $(BIN)/python -m playwright install chromium; fi
