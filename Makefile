# One-command set-up: every target installs what it needs (virtualenv, packages, Chromium).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
AIRF := $(VENV)/bin/airf
STAMP := $(VENV)/.installed-stamp
# Exact versions (with hashes) of every dependency, dev tools included: `make lock` rewrites it.
LOCK := requirements.lock
BROWSER_STAMP := $(VENV)/.browser-stamp
SYSTEM_STAMP := $(VENV)/.system-stamp
PROFILE_STAMP := $(VENV)/.profile-stamp
# axe-core for the accessibility tests (package.json), in node_modules/ (git-ignored).
NODE_STAMP := node_modules/.installed-stamp
# Each step prints one French line; the details go to the journal (.ci/step).
JOURNAL := build/journal.log
STEP := bash .ci/step
START := $(shell date +%s)
# make ends every failure with an English "make: *** … Error 1" line it cannot be told to drop.
EXPLAIN := || { echo "Échec : voir les messages ci-dessus (la ligne « make: *** » qui suit ne fait que le signaler)." >&2; exit 1; }
ISSUE ?=
YEAR ?= 2025
# The meetings kit: real registrations are read from private/ (git-ignored); `make all` prints the
# kit of the sample General Assembly from the fictitious registrations shipped for the tests.
EVENT ?= assemblee-generale-2027
KIT_DEMO := --inscriptions tests/data/participants/assemblee-generale-2027.csv --relances \
	--contacts tests/data/participants/contacts-fictifs.csv

.PHONY: all setup browser node check site newsletter report fiches kit kit-demo liens guide test lint lock bench serve clean

all: setup browser
	@$(STEP) --show $(JOURNAL) "Vérification du contenu" $(AIRF) check
	@$(STEP) --show $(JOURNAL) "Construction du site, des lettres, du rapport et des fiches" $(AIRF) build --all
	@$(STEP) --demo $(JOURNAL) "Kit de l'assemblée générale (démonstration)" $(AIRF) kit assemblee-generale-2027 $(KIT_DEMO)
	@echo "Tout est prêt en $$(( $$(date +%s) - $(START) )) s. Le site : build/site/index.html ; les lettres : build/newsletters/ ;"
	@echo "le rapport : build/report/ ; les fiches : build/fiches/ ; le kit : build/kit/. Journal détaillé : $(JOURNAL)"

# The locked versions first (hashes checked), then the project itself in editable mode.
$(STAMP): pyproject.toml $(LOCK)
	@$(STEP) $(JOURNAL) "Préparation de l'environnement Python (première fois : quelques minutes)" \
		sh -c 'test -x $(PY) || $(PYTHON) -m venv $(VENV); $(PY) -m pip install --quiet --upgrade pip && $(PY) -m pip install --quiet --require-hashes -r $(LOCK) && $(PY) -m pip install --quiet -e ".[dev]"'
	@touch $(STAMP)

# After adding or changing a dependency in pyproject.toml: `make lock`, then commit both files.
lock: setup
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --generate-hashes --universal \
		--python-version 3.11 --quiet -o $(LOCK)

setup: $(STAMP)

# Finds Chromium (AIRF_CHROMIUM, Debian's chromium, Playwright's own); installs Debian's when root.
$(BROWSER_STAMP): $(STAMP) $(SYSTEM_STAMP)
	@$(STEP) $(JOURNAL) "Recherche du navigateur Chromium (pour les PDF)" $(PY) -m airf_site.print.browser ensure
	@touch $(BROWSER_STAMP)

# Debian packages besides Chromium (.ci/debian-packages.txt), installed with apt when root.
$(SYSTEM_STAMP): .ci/debian-packages.txt $(STAMP)
	@$(STEP) $(JOURNAL) "Paquets système (polices, outils d'impression)" bash .ci/install-debian-packages
	@touch $(SYSTEM_STAMP)

browser: $(BROWSER_STAMP) $(PROFILE_STAMP)

# The FOGRA39 CMYK profile of the print files, built once with ArgyllCMS (docs/rapport.md).
$(PROFILE_STAMP): $(SYSTEM_STAMP)
	@$(STEP) $(JOURNAL) "Profil d'impression FOGRA39 (première fois : une minute)" $(PY) -m airf_site.print.colour ensure
	@touch $(PROFILE_STAMP)

$(NODE_STAMP): package.json package-lock.json
	@$(STEP) $(JOURNAL) "Outils de test JavaScript (axe-core, contrôles d'accessibilité)" bash .ci/install-node-packages
	@touch $(NODE_STAMP)

node: $(NODE_STAMP)

check: setup
	@$(AIRF) check $(EXPLAIN)

site: setup
	@$(AIRF) build --site $(EXPLAIN)

newsletter: setup browser
	@$(AIRF) newsletter $(if $(ISSUE),$(ISSUE),) $(EXPLAIN)

report: setup browser
	@$(AIRF) report $(YEAR) $(EXPLAIN)

fiches: setup browser
	@$(AIRF) fiches $(EXPLAIN)

kit: setup browser
	@$(AIRF) kit $(EVENT) --relances $(EXPLAIN)

kit-demo: setup browser
	@$(AIRF) kit assemblee-generale-2027 $(KIT_DEMO) $(EXPLAIN)

# Broken internal links and missing images in the built site.
liens: site
	@$(AIRF) check --links $(EXPLAIN)

# Regenerates the field reference of docs/guide-redaction.md from the models.
guide: setup
	@$(PY) -m airf_site.authoring.guide

# ruff (pyflakes, bugbear, pyupgrade, isort) and mypy (settings in pyproject.toml, docs/tests.md).
lint: setup
	@$(STEP) $(JOURNAL) "Vérification du code (ruff, mypy)" sh -c '$(VENV)/bin/ruff check airf_site tests bench && $(VENV)/bin/mypy airf_site'

test: setup browser node lint
	@$(STEP) $(JOURNAL) "Tests automatiques" $(PY) -m pytest -n 2 --dist loadscope -q
	@echo "Résultat des tests : $$(grep -E '[0-9]+ (passed|failed)' $(JOURNAL) | tail -n 1 | tr -d '=' | sed 's/^ *//')"

bench: setup browser
	@$(PY) bench/run.py

serve: setup
	@$(AIRF) serve

clean:
	rm -rf build .bench
