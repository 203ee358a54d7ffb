# doc_service — one front door for humans and CI. `make help` lists the targets.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# pre-subset faces the PDFs embed (scripts/build_fonts.py); DOC_SERVICE_FONT_DIR moves them
FONT_DIR := $(or $(DOC_SERVICE_FONT_DIR),build/fonts)
FACES := $(FONT_DIR)/.built

.DEFAULT_GOAL := help

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

install: $(STAMP) $(FACES) ## system packages (as root), .venv, pinned dependencies, PDF faces; idempotent

# developers get the runtime lock and the test/lint tools; the image gets the runtime lock only
$(STAMP): requirements.lock requirements-dev.lock system-packages.txt system-packages-dev.txt scripts/install-system-packages.sh
	scripts/install-system-packages.sh system-packages.txt system-packages-dev.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock -r requirements-dev.lock
	touch $(STAMP)

# builds only faces that are missing or differ from the digests faces.json pins
$(FACES): templates/legal/_shared/faces.json scripts/build_fonts.py | $(STAMP)
	$(PY) -m scripts.build_fonts
	touch $(FACES)

fonts: install ## rebuild the PDF faces with the templates' characters and pin their new digests
	$(PY) -m scripts.build_fonts --pin

MO := doc_service/translations/zh/LC_MESSAGES/messages.mo
PO := doc_service/translations/zh/LC_MESSAGES/messages.po

$(MO): $(PO) | $(STAMP)
	$(VENV)/bin/pybabel compile -d doc_service/translations -D messages

messages: install ## extract translatable messages, update the catalogues, compile them
	$(VENV)/bin/pybabel extract -F babel.cfg -k N_ --no-location --sort-output \
	  --project doc_service -o doc_service/translations/messages.pot .
	$(VENV)/bin/pybabel update -i doc_service/translations/messages.pot -d doc_service/translations \
	  -D messages --width 100 --no-fuzzy-matching
	$(VENV)/bin/pybabel compile -d doc_service/translations -D messages

templates: install ## rebuild every DOCX template from scripts/docx_layouts.py
	$(PY) -m scripts.build_docx_templates

# server and worker both in the background: a TERM to the recipe's shell (a supervisor, a script
# stopping it; not only Ctrl-C to the terminal's group) stops both, none is left on the port
run: install $(MO) ## serve on the embedded defaults with one batch worker (DOC_SERVICE_* to change)
	$(PY) -m doc_service.migrate
	$(PY) -m doc_service.batches.worker & worker=$$!; \
	  $(VENV)/bin/gunicorn --config gunicorn.conf.py app:app & server=$$!; \
	  trap 'kill $$server $$worker 2>/dev/null; wait' EXIT INT TERM; \
	  wait $$server

worker: install ## start one more batch worker (same DOC_SERVICE_* database, blob store, broker)
	$(PY) -m doc_service.batches.worker

beat: install ## schedule the anchors every DOC_SERVICE_ANCHOR_INTERVAL s (one per deployment)
	$(PY) -m doc_service.batches.beat

test: install $(MO) ## run the test suite (PostgreSQL tests use 127.0.0.1:5432/test)
	$(PY) -m pytest -n 2 -q

lint: install ## ruff, mypy, hadolint and the compose file's services and settings
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/hadolint Dockerfile
	$(PY) -m scripts.check_compose compose.yaml

format: install ## apply ruff's formatting and safe fixes
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: install ## render and issue throughput (medians over several runs)
	$(PY) -m scripts.bench

purge: install ## retention purge of expired, unheld documents (DRY_RUN=1 only lists them)
	$(PY) -m doc_service.retention $(if $(DRY_RUN),--dry-run)

lock: ## re-pin requirements.lock (runtime) and requirements-dev.lock (tests, lint) in a scratch venv
	rm -rf /tmp/doc-service-lock && python3 -m venv /tmp/doc-service-lock
	/tmp/doc-service-lock/bin/pip install --quiet -r requirements.in
	/tmp/doc-service-lock/bin/pip freeze --exclude pip --exclude setuptools > requirements.lock
	/tmp/doc-service-lock/bin/pip install --quiet -r requirements.lock -r requirements-dev.in
	/tmp/doc-service-lock/bin/pip freeze --exclude pip --exclude setuptools \
	  | grep -vxFf requirements.lock > requirements-dev.lock

.PHONY: help install run worker beat test lint format bench purge lock messages templates fonts
