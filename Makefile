# Jineng — `make` alone lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
# pytest-xdist workers for `make test` (each with its own test database and files)
TEST_WORKERS ?= 2
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help
help: ## list the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  \033[36m%-14s\033[0m %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -e '.[dev]'
	touch $@

node_modules/.installed: package.json
	npm install --no-audit --no-fund --ignore-scripts
	touch $@

.PHONY: install
install: $(VENV)/.installed node_modules/.installed ## create the virtualenv and install Python and npm packages

.PHONY: assets
assets: install ## copy ECharts, Leaflet, htmx and Swagger UI from node_modules into static/vendor
	$(PY) scripts/copy_assets.py

.PHONY: messages
messages: install ## compile the translations (the compiled .mo files are committed, so this is optional)
	@if command -v msgfmt >/dev/null; then $(PY) manage.py compilemessages --ignore '.venv' --ignore 'node_modules' -v 0; \
	else echo "msgfmt not found: using the committed .mo files"; fi

.PHONY: migrate
migrate: install ## apply database migrations
	$(PY) manage.py migrate --noinput -v 0

.PHONY: demo
demo: migrate ## load the 2024 plan, organisations, demo users and reports
	$(PY) manage.py seed_demo

.PHONY: run
run: assets messages demo ## the platform with demo data on SQLite: web server and background worker
	@$(PY) manage.py demo_banner --url http://$(HOST):$(PORT)/
	@trap 'kill 0' EXIT INT TERM; \
	  $(PY) manage.py db_worker & \
	  DJANGO_DEBUG=true $(PY) manage.py runserver $(HOST):$(PORT)

.PHONY: serve
serve: export DJANGO_STATICFILES_STORAGE ?= whitenoise.storage.CompressedManifestStaticFilesStorage
serve: assets messages ## production shape against $$DATABASE_URL: gunicorn with $$WEB_CONCURRENCY workers, db_worker, whitenoise
	@test -n "$$DATABASE_URL" || (echo "DATABASE_URL is not set: make serve runs against PostgreSQL (docs/deploy.md)" && exit 2)
	$(PY) manage.py check --deploy --fail-level ERROR
	$(PY) manage.py collectstatic --noinput --clear -v 0
	$(PY) manage.py migrate --noinput -v 0
	@trap 'kill 0' EXIT INT TERM; \
	  $(PY) manage.py db_worker & \
	  $(VENV)/bin/gunicorn config.wsgi --bind $(HOST):$(PORT) --workers $${WEB_CONCURRENCY:-$$((2 * $$(nproc) + 1))} \
	    --access-logfile - --graceful-timeout 30 --timeout 120

.PHONY: worker
worker: install ## run the background task worker alone
	$(PY) manage.py db_worker

.PHONY: lint
lint: install ## ruff, import boundaries, Django system checks
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(PY) manage.py check --fail-level WARNING

.PHONY: test
test: system-deps assets messages ## the whole suite: lint, SQLite, then PostgreSQL when its server binaries exist
	$(MAKE) lint
	$(MAKE) test-sqlite
	bash scripts/with_postgres.sh $(MAKE) test-postgres

.PHONY: system-deps
system-deps: ## Debian packages the suite needs (Chromium, CJK font, PostgreSQL, gettext), installed when missing
	bash scripts/system_deps.sh

.PHONY: test-sqlite
test-sqlite: ## the suite on SQLite (browser journeys included), on two workers
	JINENG_VAR_DIR=$$(mktemp -d) $(VENV)/bin/pytest -n $(TEST_WORKERS)

.PHONY: test-postgres
test-postgres: ## the suite against $$DATABASE_URL (set by scripts/with_postgres.sh), browser journeys left to SQLite
	@test -n "$$DATABASE_URL" || (echo "DATABASE_URL is not set" && exit 2)
	JINENG_VAR_DIR=$$(mktemp -d) $(VENV)/bin/pytest -n $(TEST_WORKERS) -m "not browser"

.PHONY: bench
bench: assets ## desk p50/p95, demand upload vs training import, forecasts, 800,000 training records vs COPY/executemany, 1M-claim risk pass vs DuckDB, zip-bomb peak memory, wage tables over 500,000 samples vs DuckDB, certificate verification vs static JSON and 1M-certificate import vs COPY, 40,000 contestants standardised and the public calendar p95, nearest services over 20,000 points and the map and circle pages, course search with subsidy estimates over 10,000 courses, every public page's server time and transfer size
	$(PY) bench/run.py
	bash scripts/with_postgres.sh $(PY) bench/run.py
	$(PY) bench/demand_bench.py
	bash scripts/with_postgres.sh $(PY) bench/demand_bench.py
	$(PY) bench/forecast_bench.py
	$(PY) bench/training_bench.py
	bash scripts/with_postgres.sh $(PY) bench/risk_bench.py
	$(PY) bench/zipbomb_bench.py
	$(PY) bench/wages_bench.py
	JINENG_PG_SETTINGS="-c shared_buffers=2GB" bash scripts/with_postgres.sh $(PY) bench/certificates_bench.py
	$(PY) bench/competitions_bench.py
	$(PY) bench/portal_bench.py
	$(PY) bench/servicepoints_bench.py
	$(PY) bench/public_pages_bench.py

.PHONY: clean
clean: ## remove the virtualenv, node_modules, built static files and the local database
	rm -rf $(VENV) node_modules static/vendor static_build var
