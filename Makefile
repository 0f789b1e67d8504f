# One-command set-up: every target installs what it needs (virtualenv, packages, Chromium).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
AIRF := $(VENV)/bin/airf
STAMP := $(VENV)/.installed-stamp
BROWSER_STAMP := $(VENV)/.browser-stamp
SYSTEM_STAMP := $(VENV)/.system-stamp
ISSUE ?=
YEAR ?= 2025
# The meetings kit: real registrations are read from private/ (git-ignored); `make all` prints the
# kit of the sample General Assembly from the fictitious registrations shipped for the tests.
EVENT ?= assemblee-generale-2027
KIT_DEMO := --inscriptions tests/data/participants/assemblee-generale-2027.csv --relances \
	--contacts tests/data/participants/contacts-fictifs.csv

.PHONY: all setup browser check site newsletter report fiches kit kit-demo liens guide test bench serve clean

all: setup browser
	$(AIRF) build --all
	$(AIRF) kit assemblee-generale-2027 $(KIT_DEMO)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

# Finds Chromium (AIRF_CHROMIUM, Debian's chromium, Playwright's own); installs Debian's when root.
$(BROWSER_STAMP): $(STAMP) $(SYSTEM_STAMP)
	$(PY) -m airf_site.print.browser ensure
	touch $(BROWSER_STAMP)

# Debian packages besides Chromium (.ci/debian-packages.txt), installed with apt when root.
$(SYSTEM_STAMP): .ci/debian-packages.txt $(STAMP)
	bash .ci/install-debian-packages
	touch $(SYSTEM_STAMP)

browser: $(BROWSER_STAMP)

check: setup
	$(AIRF) check

site: setup
	$(AIRF) build --site

newsletter: setup browser
	$(AIRF) newsletter $(if $(ISSUE),$(ISSUE),)

report: setup browser
	$(AIRF) report $(YEAR)

fiches: setup browser
	$(AIRF) fiches

kit: setup browser
	$(AIRF) kit $(EVENT) --relances

kit-demo: setup browser
	$(AIRF) kit assemblee-generale-2027 $(KIT_DEMO)

# Broken internal links and missing images in the built site.
liens: site
	$(AIRF) check --links

# Regenerates the field reference of docs/guide-redaction.md from the models.
guide: setup
	$(PY) -m airf_site.authoring.guide

test: setup browser
	$(PY) -m pytest -n 2 --dist loadscope -q

bench: setup browser
	$(PY) bench/run.py

serve: setup
	$(AIRF) serve

clean:
	rm -rf build .bench
