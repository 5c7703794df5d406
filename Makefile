# Everything a fresh machine with Python 3 and make needs: `make run`, `make test`.
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py

.PHONY: run test lint migrate messages sandbox-data check-translations clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

# Compiled with Babel, so the set-up needs no system gettext.
messages: $(VENV)/.installed
	$(VENV)/bin/pybabel compile --domain django --directory locale --statistics

migrate: $(VENV)/.installed
	$(MANAGE) migrate --noinput

sandbox-data: migrate messages
	$(MANAGE) load_sandbox

run: sandbox-data
	$(MANAGE) runserver 127.0.0.1:$(PORT)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: lint messages
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) makemigrations --check --dry-run
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(VENV)/bin/pytest

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
	find locale -name '*.mo' -delete
