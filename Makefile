# Ingé 43 — commandes du projet. `make help` les liste.
# Tout passe par un environnement Python local (.venv) créé au premier appel.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Two steps: what the site needs (make serve, check, build), then the test tools (make test, lint).
SITE_STAMP := $(VENV)/.installed-site
STAMP := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium
# Address of make serve: `make serve ADDR=127.0.0.1:8001` when 8000 is taken.
ADDR ?= 127.0.0.1:8000
export NO_MKDOCS_2_WARNING := 1

.DEFAULT_GOAL := help
.PHONY: help install install-site system-site serve check build linkcheck lint format test test-fast bench captures schemas communes contours system clean

help: ## Affiche cette aide
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(SITE_STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c requirements.lock -e .
	touch $(SITE_STAMP)

$(STAMP): $(SITE_STAMP)
	$(BIN)/pip install --quiet --disable-pip-version-check -c requirements.lock -e ".[test]"
	touch $(STAMP)

install-site: $(SITE_STAMP) ## Installe seulement ce qu'il faut pour vérifier et voir le site (pas les outils de test)

install: $(STAMP) ## Crée .venv et installe tout, outils de test compris (versions figées)

check: $(SITE_STAMP) ## Vérifie les données de data/ et explique chaque problème
	$(BIN)/inge43 check

# Pas de « make check » avant : si les données sont cassées, le navigateur affiche le rapport en
# français (page d'erreur servie à la place du site) au lieu de rester bloqué.
serve: $(SITE_STAMP) ## Construit et sert le site sur http://127.0.0.1:8000 (rechargement automatique)
	$(BIN)/python -m inge43.tools.serve --dev-addr $(ADDR)

build: check ## Construit le site dans site/ (mode strict : le moindre avertissement échoue)
	$(BIN)/mkdocs build --strict

linkcheck: build ## Vérifie les liens du site, y compris les sites externes (à lancer avec Internet, hors CI)
	$(BIN)/inge43 liens --site site --en-ligne

schemas: $(SITE_STAMP) ## Régénère les schémas JSON de schemas/ depuis le modèle
	$(BIN)/inge43 schemas

communes: $(SITE_STAMP) ## Reconstruit data/communes.yml depuis le paquet npm @etalab/decoupage-administratif
	$(BIN)/inge43 import-communes

contours: $(SITE_STAMP) ## Reconstruit data/contours.json (contours des communes pour les cartes) depuis le GeoJSON de l'IGN
	$(BIN)/inge43 import-contours $(if $(GEOJSON),--geojson $(GEOJSON))

# Debian packages: pango and fonts (WeasyPrint PDFs, the site needs them), chromium (browser tests),
# poppler-utils (PDF to PNG in tests).
SITE_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
SYSTEM_PACKAGES := chromium $(SITE_PACKAGES) poppler-utils
system-site: ## Installe seulement les paquets Debian dont le site a besoin (Pango, polices : PDF)
	@missing=$$(for p in $(SITE_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; elif command -v sudo >/dev/null; then SUDO=sudo; \
	  else echo "Paquets manquants ($$missing) et pas de droits root pour les installer : apt-get install $$missing" >&2; exit 1; fi; \
	  echo "Installation de : $$missing"; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

system: ## Installe les paquets Debian nécessaires (Chromium, Pango, polices, Poppler ; Node.js s'il manque)
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; elif command -v sudo >/dev/null; then SUDO=sudo; \
	  else echo "Paquets manquants ($$missing) et pas de droits root pour les installer : apt-get install $$missing" >&2; exit 1; fi; \
	  echo "Installation de : $$missing"; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi
	@test -x $(CHROMIUM) || { echo "Chromium est introuvable dans $(CHROMIUM) : les tests du navigateur ne peuvent pas tourner." >&2; exit 1; }
	@command -v node >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  echo "Installation de : nodejs"; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nodejs >/dev/null; }
	@command -v node >/dev/null || { echo "Node.js est introuvable : les tests JavaScript ne peuvent pas tourner." >&2; exit 1; }

# Python code checked by ruff (lint and format); mypy's files are set in pyproject.toml.
PY_CODE := scripts tests benchmarks
lint: $(STAMP) ## Vérifie le code Python : erreurs courantes (ruff), mise en forme, types (mypy), étapes du paquet
	$(BIN)/ruff check $(PY_CODE)
	$(BIN)/ruff format --check $(PY_CODE)
	$(BIN)/mypy
	$(BIN)/lint-imports

format: $(STAMP) ## Met en forme le code Python (ruff format) et trie les imports
	$(BIN)/ruff check --select I --fix $(PY_CODE)
	$(BIN)/ruff format $(PY_CODE)

# Tests in parallel (pytest-xdist): one worker per core, each test sent to the first free worker.
# (Not `--dist loadgroup`: with pytest 9.2, pytest-xdist 3.8 no longer groups the tests it marks.)
# (Two per core was measured slower: 7 min against 6, the fresh-clone test running beside them.)
PYTEST_PARALLEL := -n auto
# `make test`: the fresh-clone test (marker slow: pip install and a build with no cache, about 2 min)
# runs from the start in a pytest of its own beside everything else; its report is printed at the
# end, and a failure of either fails `make test`.
test: $(STAMP) system ## Lance tous les tests, navigateur compris (installe ce qui manque)
	@slow_log=$$(mktemp); \
	$(BIN)/pytest -m slow -p no:cacheprovider > $$slow_log 2>&1 & slow=$$!; \
	status=0; \
	{ $(MAKE) --no-print-directory lint \
	  && $(BIN)/inge43 schemas --check \
	  && $(BIN)/inge43 check \
	  && node --test tests/js/ \
	  && $(BIN)/pytest $(PYTEST_PARALLEL) -m "not slow"; } || status=1; \
	wait $$slow || status=1; \
	echo "--- Test lent (clone neuf, installation et construction), lancé en parallèle :"; \
	cat $$slow_log; rm -f $$slow_log; \
	exit $$status

test-fast: $(STAMP) lint ## Pendant le travail : lint, tests JavaScript et tests sans navigateur ni installation complète
	node --test tests/js/
	$(BIN)/pytest $(PYTEST_PARALLEL) -m "not browser and not slow"

bench: $(STAMP) system ## Mesure les temps et les tailles (recherche, PDF…) ; résultats dans benchmarks/RESULTATS.md
	$(BIN)/python benchmarks/run.py

captures: $(STAMP) system ## Refait les captures d'écran de docs/assets/captures/ (montrées dans le README)
	$(BIN)/python -m inge43.tools.captures

clean: ## Supprime le site construit et les caches
	rm -rf site .pytest_cache
