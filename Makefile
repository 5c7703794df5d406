# Everything a fresh machine with Python 3 and make needs: `make run`, `make test`.
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py

.PHONY: run test test-pytest test-postgres lint migrate messages sandbox-data check-translations \
	serve collectstatic bench bench-pages bench-clock bench-clock-postgres bench-postgres clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
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

# Production: config.settings.production under gunicorn, static files through whitenoise.
# DATABASE_URL picks the database (SQLite file by default); without DJANGO_SECRET_KEY a key is
# made once for this machine in .secret_key (set the same key on every host of a deployment).
# Secure by default (https redirect, HSTS, https-only cookies) for a TLS proxy in front;
# DJANGO_SECURE_TLS=0 make serve is plain http on loopback only (docs/deploy.md).
PROD := DJANGO_SETTINGS_MODULE=config.settings.production \
	DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-$$(cat .secret_key)}"
WEB_CONCURRENCY ?= 3

.secret_key:
	umask 077 && $(PY) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

collectstatic: $(VENV)/.installed .secret_key
	$(PROD) $(MANAGE) collectstatic --noinput --clear -v 0

serve: messages collectstatic
	$(PROD) $(MANAGE) migrate --noinput
	$(PROD) $(MANAGE) load_sandbox
	$(PROD) $(VENV)/bin/gunicorn config.wsgi:application --bind 127.0.0.1:$(PORT) \
		--workers $(WEB_CONCURRENCY) --access-logfile - --forwarded-allow-ips 127.0.0.1

# The speed of a page in-process (bench/pages.py): every main page against the trivial view,
# and Subscriptions with 2 cards against 50; the longest clock moves (bench/clock.py); then the
# served benchmark (bench/run.py).
bench: bench-pages bench-clock
	$(PROD) DJANGO_SECURE_TLS=0 $(PY) -m bench.run

bench-pages: messages collectstatic
	$(PROD) DJANGO_SECURE_TLS=0 $(PY) -m bench.pages

# The longest moves of a seat's clock through the API, against a tenth of gunicorn's timeout.
bench-clock: messages collectstatic
	$(PROD) DJANGO_SECURE_TLS=0 $(PY) -m bench.clock

bench-clock-postgres: messages collectstatic
	bash bench/with_postgres.sh $(MAKE) bench-clock

# The same against a throwaway PostgreSQL server on 127.0.0.1 (Debian's postgresql package).
bench-postgres: messages collectstatic
	bash bench/with_postgres.sh $(MAKE) bench

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: lint messages
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) makemigrations --check --dry-run
	$(MAKE) test-pytest

test-pytest: messages
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(VENV)/bin/pytest

# The suite once more against PostgreSQL (.ci/run starts one on 127.0.0.1).
POSTGRES_URL ?= postgres://sandbox:sandbox@127.0.0.1:5432/sandbox
test-postgres: messages
	DATABASE_URL=$(POSTGRES_URL) DJANGO_ALLOW_ASYNC_UNSAFE=true $(VENV)/bin/pytest

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm staticfiles
	find locale -name '*.mo' -delete
