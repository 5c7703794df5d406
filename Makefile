# Everything a fresh machine with Python 3 and make needs: `make run`, `make test`.
PYTHON ?= python3
WEB_CONCURRENCY ?= 3
PORT ?= 8000
# make run listens on every network of this machine (trainees reach it); HOST=127.0.0.1 keeps
# it to this machine.
HOST ?= 0.0.0.0
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py

.PHONY: run dev test test-pytest test-postgres lint migrate messages sandbox-data check-translations \
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

# The room: gunicorn with the dev settings (DEBUG off, whitenoise from the apps' folders), on
# HOST:PORT; prints the addresses trainees reach (core/management/commands/room.py). The secret
# key is .secret_key's, made once for this machine, unless DJANGO_SECRET_KEY is set.
KEY := DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-$$(cat .secret_key)}"

run: sandbox-data .secret_key
	$(KEY) $(MANAGE) room --host $(HOST) --port $(PORT) --workers $(WEB_CONCURRENCY)

# A developer's server: Django's runserver, reloading on every change, with the debug pages
# (DJANGO_DEBUG=0 make dev without them), on this machine only.
dev: sandbox-data .secret_key
	$(KEY) DJANGO_DEBUG="$${DJANGO_DEBUG:-1}" $(MANAGE) runserver 127.0.0.1:$(PORT)

# Production: config.settings.production under gunicorn, static files through whitenoise.
# DATABASE_URL picks the database (SQLite file by default); without DJANGO_SECRET_KEY a key is
# made once for this machine in .secret_key (set the same key on every host of a deployment).
# Secure by default (https redirect, HSTS, https-only cookies) for a TLS proxy in front;
# DJANGO_SECURE_TLS=0 make serve is plain http on loopback only (docs/deploy.md).
PROD := DJANGO_SETTINGS_MODULE=config.settings.production $(KEY)

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
# served benchmark (bench/run.py), against `make serve`'s server and then against `make run`'s
# (the room, kept to 127.0.0.1).
bench: bench-pages bench-clock bench-scale
	$(PROD) DJANGO_SECURE_TLS=0 $(PY) -m bench.run
	$(KEY) BENCH_SERVER=room $(PY) -m bench.run

bench-pages: messages collectstatic
	$(PROD) DJANGO_SECURE_TLS=0 $(PY) -m bench.pages

# Hundreds of classes on one database (bench/scale.py): BENCH_SCALE_CLASSES classes (100) of
# BENCH_SCALE_SEATS seats (30) made, a seat's and a class's pages measured with one class and
# with all of them (queries equal, CPU as a ratio), the database's size per seat. On PostgreSQL
# (make bench-postgres) in a schema of its own, dropped at the end.
.PHONY: bench-scale
bench-scale: messages collectstatic
	$(PROD) DJANGO_SECURE_TLS=0 $(PY) -m bench.scale

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
