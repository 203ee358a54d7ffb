# doc_service — one front door for humans and CI. `make help` lists the targets.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

install: $(STAMP) ## system packages (as root), .venv and pinned dependencies; idempotent

$(STAMP): requirements.lock system-packages.txt system-packages-dev.txt scripts/install-system-packages.sh
	scripts/install-system-packages.sh system-packages.txt system-packages-dev.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $(STAMP)

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

run: install $(MO) ## serve on the embedded defaults with one batch worker (DOC_SERVICE_* to change)
	$(PY) -m doc_service.migrate
	$(PY) -m doc_service.batches.worker & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT; \
	  $(VENV)/bin/gunicorn --config gunicorn.conf.py app:app

worker: install ## start one more batch worker (same DOC_SERVICE_* database, blob store, broker)
	$(PY) -m doc_service.batches.worker

test: install $(MO) ## run the test suite (PostgreSQL tests use 127.0.0.1:5432/test)
	$(PY) -m pytest -n 2 -q

lint: install ## ruff, mypy and hadolint
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/hadolint Dockerfile

format: install ## apply ruff's formatting and safe fixes
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: install ## render and issue throughput (medians over several runs)
	$(PY) -m scripts.bench

lock: ## re-pin requirements.lock from requirements.in in a scratch venv
	rm -rf /tmp/doc-service-lock && python3 -m venv /tmp/doc-service-lock
	/tmp/doc-service-lock/bin/pip install --quiet -r requirements.in
	/tmp/doc-service-lock/bin/pip freeze --exclude pip --exclude setuptools > requirements.lock

.PHONY: help install run worker test lint format bench lock messages templates
