# Pathfinder: `make run` and `make test` are all a fresh machine needs.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install assets migrate demo lint bench messages clean browser-deps clearsessions backup restore

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP) assets

# Bootstrap and its icons come from npm (package-lock.json), served by Django: no CDN.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
assets: node_modules/.package-lock.json

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py seed_demo

messages: install
	$(PY) manage.py makemessages -l vi --ignore=.venv --ignore=node_modules --ignore=staticfiles
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules

# The web server and the job worker (mail, reminders, PDFs) together; Ctrl-C stops both.
run: demo
	@echo "Pathfinder on http://$(HOST):$(PORT)/  (demo password: $${DEMO_PASSWORD:-pathfinder-demo})"
	@$(PY) manage.py run_huey & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

# The suite on every core (TEST_WORKERS=0 runs it in this one process): README, "Tests".
TEST_WORKERS ?= auto
test: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadscope $(PYTEST_ARGS)

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m ruff format --check .

# Deletes expired sessions (they are otherwise kept forever); run it daily, e.g. from cron.
clearsessions: install
	$(PY) manage.py clearsessions

# One archive of the database and MEDIA_ROOT (README, "Backup and restore").
backup: install
	$(PY) manage.py backup $(if $(BACKUP),--output $(BACKUP))

# Into an empty database only; then migrate, in case the code is newer than the backup.
restore: install
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=path/to/backup.tar.gz"; exit 2; }
	$(PY) manage.py restore $(BACKUP)
	$(PY) manage.py migrate --noinput

bench: install
	$(PY) -m bench

clean:
	rm -rf $(VENV) node_modules staticfiles var db.sqlite3
