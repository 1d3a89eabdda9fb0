# Kierunek — the two commands a new developer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
PYTEST_WORKERS ?= 2

.PHONY: run test lint format migrate seed totp chromium messages lock clean static serve backup restore

$(VENV)/.base-installed: requirements/base.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --disable-pip-version-check -r requirements/base.txt
	@touch $@

$(VENV)/.dev-installed: requirements/dev.txt $(VENV)/.base-installed
	$(PIP) install --quiet --disable-pip-version-check -r requirements/dev.txt
	@touch $@

## make run: install, migrate the embedded SQLite database, load demo data, serve on http://127.0.0.1:8000
run: $(VENV)/.base-installed
	@mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo --size small
	@echo ""
	@echo "Kierunek is starting on http://$(HOST):$(PORT)/  (Ctrl+C stops it)"
	$(PY) manage.py runserver $(HOST):$(PORT)

## make test: install test dependencies (and Debian's chromium when root) and run the whole suite
test: $(VENV)/.dev-installed chromium
	$(VENV)/bin/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

chromium:
	@scripts/ensure-chromium

lint: $(VENV)/.dev-installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports --no-cache

format: $(VENV)/.dev-installed
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

migrate: $(VENV)/.base-installed
	@mkdir -p var
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed_demo --size small

## make static: the build step of a production release: collect the static files into the manifest
## storage of config.settings.prod (STATIC_ROOT, or DJANGO_STATIC_ROOT); make serve runs it first
static: $(VENV)/.base-installed
	DJANGO_SETTINGS_MODULE=config.settings.prod $(PY) manage.py collectstatic --noinput

## make serve: the production server (gunicorn, config/gunicorn.conf.py) with config.settings.prod on
## PostgreSQL, after collecting the static files and migrating; README "Production" lists the environment
serve: $(VENV)/.base-installed
	@case "$$DATABASE_URL" in postgres://*|postgresql://*) ;; \
	  *) echo "make serve: set DATABASE_URL=postgres://... (production runs on PostgreSQL)"; exit 1;; esac
	$(MAKE) --no-print-directory static
	DJANGO_SETTINGS_MODULE=config.settings.prod $(PY) manage.py migrate --noinput
	DJANGO_SETTINGS_MODULE=config.settings.prod $(PY) manage.py portal_setup
	DJANGO_SETTINGS_MODULE=config.settings.prod $(VENV)/bin/gunicorn -c config/gunicorn.conf.py

## make backup [BACKUP=file]: a consistent backup of the database of DJANGO_SETTINGS_MODULE (dev when unset)
backup: $(VENV)/.base-installed
	@mkdir -p var/backups
	$(PY) manage.py db_backup $(or $(BACKUP),var/backups/kierunek-$(shell date +%Y%m%d-%H%M%S).backup)

## make restore BACKUP=file: replace the database with a backup (asks first), then migrate and check the ledger
restore: $(VENV)/.base-installed
	@test -n "$(BACKUP)" || { echo "make restore: name the backup file: make restore BACKUP=..."; exit 1; }
	$(PY) manage.py db_restore $(BACKUP)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py ledger_check

## make totp: the current two-factor codes of the demo staff accounts
totp: $(VENV)/.base-installed
	@$(PY) manage.py demo_totp

## make messages: refresh and compile the Polish and English translation catalogues
messages: $(VENV)/.dev-installed
	$(PY) manage.py makemessages --locale pl --locale en --ignore '.venv/*' --ignore 'node_modules/*' --no-obsolete
	$(PY) manage.py compilemessages --ignore '.venv/*'

lock:
	rm -rf /tmp/kierunek-lock && $(PYTHON) -m venv /tmp/kierunek-lock
	/tmp/kierunek-lock/bin/pip install --quiet -r requirements/base.in
	{ echo "# Pinned runtime dependencies: the whole tree. Top-level choices are in base.in."; \
	  echo "# Regenerate: make lock"; /tmp/kierunek-lock/bin/pip freeze; } > requirements/base.txt
	/tmp/kierunek-lock/bin/pip freeze > /tmp/kierunek-lock/base.freeze
	/tmp/kierunek-lock/bin/pip install --quiet -r requirements/dev.in
	{ echo "# Pinned development dependencies (tests, lint, browser tests) on top of base.txt."; \
	  echo "# Regenerate: make lock"; echo "-r base.txt"; \
	  /tmp/kierunek-lock/bin/pip freeze | grep -v -x -F -f /tmp/kierunek-lock/base.freeze; } > requirements/dev.txt

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache .mypy_cache .ruff_cache
