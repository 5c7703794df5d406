"""Settings shared by every environment.

The environment is read here and only here (django-environ); dev, test and production
adjust what differs between them.
"""

import datetime
import os
import re
from email.utils import parseaddr
from pathlib import Path

import environ
from django.conf import global_settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Keep database connections open between requests (seconds); 0 closes them after each one.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A class writes at once (60 trainees joining, signing in, placing orders), in several
    # gunicorn workers and threads, every profile alike: write-ahead log (readers never wait
    # for a writer), take the write lock when a transaction starts (IMMEDIATE: a transaction
    # that read first can no longer fail to upgrade its lock, SQLite's "database is locked"
    # that no timeout waits out), and wait up to 20 s for that lock rather than fail.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )


def sqlite_file_private(database: dict) -> None:
    """Create the SQLite file readable and writable by its owner only, or make it so: it holds
    password hashes and sessions. SQLite gives its -wal and -shm files the same mode.
    Called by the profiles that serve (dev, production), never by the tests."""
    if database["ENGINE"] != "django.db.backends.sqlite3":
        return
    path = Path(database["NAME"])
    if str(path) == ":memory:" or not path.parent.is_dir():
        return
    os.close(os.open(path, os.O_CREAT | os.O_RDONLY, 0o600))  # an empty file is a new database
    for file in [path, path.with_name(f"{path.name}-wal"), path.with_name(f"{path.name}-shm")]:
        if file.exists() and file.stat().st_mode & 0o077:
            file.chmod(0o600)


# The address trainees reach the sandbox at, e.g. http://192.168.1.23:8000 or
# https://sandbox.example.com: every absolute URL the sandbox writes (join links, QR codes, the
# API's join_url, emailed links) starts with it (core/public_url.py). Empty: the address the
# request came to. `make run` sets it to this machine's network address when it is unset.
SANDBOX_PUBLIC_URL = env("SANDBOX_PUBLIC_URL", default="").rstrip("/")
if SANDBOX_PUBLIC_URL and not re.fullmatch(r"https?://[^/?#\s]+", SANDBOX_PUBLIC_URL):
    raise ImproperlyConfigured(
        f"SANDBOX_PUBLIC_URL={SANDBOX_PUBLIC_URL!r}: write the scheme and the host, with a port "
        "if needed and nothing after it, for instance http://192.168.1.23:8000."
    )

# The sandbox's "today": renewal dates, invoices and billing periods are computed from it,
# so trainers' material stays true. Empty means the real date.
_today = env("SANDBOX_TODAY", default="")
SANDBOX_TODAY = datetime.date.fromisoformat(_today) if _today else None

INSTALLED_APPS = [
    # modeltranslation must come before django.contrib.admin (the next line).
    "modeltranslation",
    "sandbox.admin_site.TrainerAdminConfig",  # django.contrib.admin, with the trainer's sign-in
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "bootstrap",
    "crispy_forms",
    "crispy_bootstrap5",
    "core",
    "seats",
    "accounts",
    "logmein_id",
    "billing_center",
    "admin_center",
    "corp_portal",
    "sandbox",
    "classes",
    "lessons",
    "course",
    "api",
    "faults",
    "lms",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI as static files: the API's docs page works offline
    "csp",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Before anything reads the sample world: every request works in its session's seat.
    "seats.middleware.SeatMiddleware",
    # A joined seat's last activity, for the trainer's board of its class.
    "sandbox.middleware.SeatActivityMiddleware",
    "sandbox.middleware.TrainerNoteMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # A form field longer than FORM_FIELD_MAX_LENGTH: 400, before the CSRF check reads it.
    "core.middleware.FormFieldSizeMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A seat of a class reaching an outcome page, for the class's board (classes/middleware.py):
    # before the faults, so it reads the context they leave.
    "classes.middleware.OutcomeReachedMiddleware",
    # The deliberate faults a trainer switches on in a seat (faults/catalog.py); nothing
    # elsewhere knows of them.
    "faults.middleware.FaultsMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes requires: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# The longest value one form field may post (core.middleware): no field of the sandbox's forms
# holds more than a few hundred characters.
FORM_FIELD_MAX_LENGTH = 10_000

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sandbox.context_processors.sandbox",
                "seats.context_processors.seat",
            ],
        },
    },
]

AUTH_USER_MODEL = "accounts.User"
# A LogMeIn ID is unique within a seat (seats.scope): every seat has its own Ana, and the
# scoped default manager that ModelBackend asks finds the one of the request's seat.
SILENCED_SYSTEM_CHECKS = ["auth.W004"]
# Django's default hashers first (a password someone sets gets PBKDF2 with 1,000,000
# iterations), then the cheap one that only the public sample passwords use (accounts.hashers).
PASSWORD_HASHERS = [*global_settings.PASSWORD_HASHERS, "accounts.hashers.PublicPasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]
LOGIN_URL = "billing_center:sign-in"

# Languages: the article exists in Spanish and Brazilian Portuguese, the labels come from
# its English edition.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("es", _("Spanish")),
    ("pt-br", _("Brazilian Portuguese")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"

# Every email the sandbox sends lands in its mailbox (sandbox.mail.MailboxBackend).
EMAIL_BACKEND = "sandbox.mail.MailboxBackend"
DEFAULT_FROM_EMAIL = "GoTo Billing <billing@sandbox.example>"

# The people told of server errors, DJANGO_ADMINS="Name <a@example.com>,b@example.com", by
# real email through DJANGO_ADMINS_EMAIL_URL (smtp://user:password@host:587 with ?tls=True
# or +tls): never through the sandbox's mailbox, which every visitor can read.
ADMINS = [parseaddr(admin) for admin in env.list("DJANGO_ADMINS", default=[])]
SERVER_EMAIL = env("DJANGO_SERVER_EMAIL", default="billing-sandbox@localhost")
_admins_email = env.email_url("DJANGO_ADMINS_EMAIL_URL", default="smtp://localhost:25")
EMAIL_HOST = _admins_email["EMAIL_HOST"]
EMAIL_PORT = _admins_email["EMAIL_PORT"]
EMAIL_HOST_USER = _admins_email["EMAIL_HOST_USER"] or ""
EMAIL_HOST_PASSWORD = _admins_email["EMAIL_HOST_PASSWORD"] or ""
EMAIL_USE_TLS = _admins_email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _admins_email.get("EMAIL_USE_SSL", False)

# Every unhandled exception is written with its traceback to stderr, the server's log under
# runserver and gunicorn alike, whatever DEBUG says (Django's own console handler only writes
# while DEBUG is on); with DJANGO_ADMINS set, it is emailed to them too.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "formatters": {
        "server_log": {
            "format": "{asctime} {levelname} {name} [pid {process}] {message}",
            "style": "{",
        },
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "server_log"},
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server"},
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
            "email_backend": _admins_email["EMAIL_BACKEND"],
        },
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django": {
            "handlers": ["mail_admins"],
            "level": env("DJANGO_LOG_LEVEL", default="INFO"),
        },
        # runserver's one line per request, as Django has it.
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# One cache every worker and every server shares (rate limits and throttles count in it):
# Django's database cache by default, made by `createcachetable` in the set-up; a deployment
# may name its own, DJANGO_CACHE_URL=redis://... (django-environ's cache URLs).
CACHES = {"default": env.cache_url("DJANGO_CACHE_URL", default="dbcache://sandbox_cache")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache":
    # Django culls a third of the table past 300 entries (its default): a burst of addresses
    # would then forget every count. Counts are small rows that expire with their window.
    CACHES["default"].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 100_000)

# Sessions live in the database, so several gunicorn workers or hosts share them.
SESSION_ENGINE = "seats.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env.int("DJANGO_SESSION_COOKIE_AGE", default=8 * 60 * 60)  # a class day
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "core.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Served over TLS (directly or behind a proxy that terminates it): HSTS, the redirect to https
# and cookies sent over https only (applied in production.py).
# Empty means each environment's default: on in production (DJANGO_SECURE_TLS=0 there is plain
# http, allowed on loopback only), off elsewhere.
SECURE_TLS = env.bool("DJANGO_SECURE_TLS", default=None)
HSTS_SECONDS_OVER_TLS = env.int("DJANGO_HSTS_SECONDS", default=365 * 24 * 60 * 60)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=True)
# Behind a load balancer that terminates TLS and sets X-Forwarded-Proto.
_behind_tls_proxy = env.bool("DJANGO_BEHIND_TLS_PROXY", default=False)
if _behind_tls_proxy:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# Content-Security-Policy (django-csp): everything from this site only, no inline script or
# style. Bootstrap's CSS draws its form icons as data: SVG images.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Sign-in lockout (django-axes): counted per LogMeIn ID in the request's seat and sign-in page,
# not per address, because a classroom shares one address and one trainee's typos must not lock
# out the class; the trainer's LogMeIn ID is counted per address (sandbox/lockouts.py says why).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # accounts.backends.USER_BACKEND, the one every login() of the sandbox names (written out:
    # settings import no app; tests/accounts/test_user_backend.py checks they agree).
    "accounts.backends.UserBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
# Axes's database handler, without its clean-up at every good sign-in and sign-out.
AXES_HANDLER = "sandbox.lockouts.LockoutHandler"
AXES_LOCKOUT_PARAMETERS = "sandbox.lockouts.lockout_parameters"
AXES_USERNAME_CALLABLE = "sandbox.lockouts.sign_in_identity"
AXES_LOCKOUT_CALLABLE = "sandbox.lockouts.sign_in_locked_out"
# A sign-in that counts toward no lock (a persona's email on the trainer's sign-in) is blocked
# by none either.
AXES_WHITELIST_CALLABLE = "sandbox.lockouts.sign_in_not_counted"
# A lock ends AXES_COOLOFF_TIME after the failure that set it: tries during the lock, even with
# the right password, are refused without being counted, so they never push its end further.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# A good sign-in (before any lock) forgets the earlier typos.
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# No access log of good sign-ins and sign-outs: nothing reads it (a lock is counted from the
# failed attempts alone), and writing it cost every sign-in an insert and every sign-out an
# update, rows that grew with every trainee's round until the next reset.
AXES_DISABLE_ACCESS_LOG = True

# Whether this deployment is an open sandbox: the home page shows the personas' password and
# one-click sign-in links. Turn off for a sandbox that should not publish its credentials.
SANDBOX_OPEN = env.bool("SANDBOX_OPEN", default=True)

# The shared sandbox password for every LogMeIn ID of the sample data (docs/personas.md).
SANDBOX_PASSWORD = env("SANDBOX_PASSWORD", default="sandbox-2026")
# The sample portal logins' password (Diego's GLOBEX-4471): a portal credential of its own.
SANDBOX_PORTAL_PASSWORD = env("SANDBOX_PORTAL_PASSWORD", default="corp-2026")

# The password of trainer@sandbox.example, never the personas' one and never shown on a page.
# Empty: the set-up generates one and prints it once (docs/deploy.md).
SANDBOX_TRAINER_PASSWORD = env("SANDBOX_TRAINER_PASSWORD", default="")

# The wrong-location page (BC-2) takes the person on to My Account by itself after this many
# seconds, as the real Billing Center does; "Stay on this page" turns it off (WCAG 2.2.1).
SANDBOX_WRONG_LOCATION_SECONDS = env.int("SANDBOX_WRONG_LOCATION_SECONDS", default=10)
# How long the slow sign-in fault (F4, faults/catalog.py) makes a seat's sign-in wait.
FAULTS_SLOW_SIGN_IN_SECONDS = 3.0

# `prune_classes` ends the classes whose seats saw no activity for more than this many days,
# and deletes the seats of no class (the self-paced course's, the API's) idle as long; a class
# made within that window and never joined stays. At least one day: a shorter window would
# end a class in use.
SANDBOX_CLASS_IDLE_DAYS = env.int("SANDBOX_CLASS_IDLE_DAYS", default=7)
if SANDBOX_CLASS_IDLE_DAYS < 1:
    raise ImproperlyConfigured(
        f"SANDBOX_CLASS_IDLE_DAYS={SANDBOX_CLASS_IDLE_DAYS}: write a number of days, 1 or more."
    )
# `capture_screens` and the trainer's Course material page (course/course_material.py): the
# Chromium that Playwright drives, and the folder the pictures, handouts and zip go to.
SANDBOX_CHROMIUM = env("SANDBOX_CHROMIUM", default="/usr/bin/chromium")
SANDBOX_COURSE_MATERIAL_ROOT = Path(
    env("SANDBOX_COURSE_MATERIAL_ROOT", default=str(BASE_DIR / "course-material"))
)
# The JSON API for scripts (api/, docs/api.md): Django REST framework, its OpenAPI 3 schema by
# drf-spectacular. A script authenticates with nothing (an open sandbox), a seat's token
# ("Authorization: Seat <token>", for the seats it made) or the trainer's session, which DRF
# checks for CSRF as Django does for forms.
# How many seats of no class one address may make (sandbox/seat_rate.py): through the API
# (`POST /api/v1/seats/`) and by starting the self-paced course, counted together in the shared
# default cache (CACHES), so every worker and every server counts together; the trainer is not
# counted, and joining a class is not a seat made. SANDBOX_API_SEAT_RATE, its former name, is
# still read when SANDBOX_SEAT_RATE is unset.
_seat_rate_name = (
    "SANDBOX_SEAT_RATE" if "SANDBOX_SEAT_RATE" in os.environ else "SANDBOX_API_SEAT_RATE"
)
_seat_rate = env(_seat_rate_name, default="30/minute")
if not re.fullmatch(r"[1-9][0-9]*/(second|minute|hour|day)", _seat_rate):
    raise ImproperlyConfigured(
        f"{_seat_rate_name}={_seat_rate!r}: write a number of seats per second, minute, "
        "hour or day, for instance 30/minute."
    )
SANDBOX_SEAT_RATE = _seat_rate
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.SeatTokenAuthentication",
        "api.authentication.TrainerTokenAuthentication",
        "api.authentication.SignedInSession",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        # DRF's, within limits of size, depth and fields (api/parsers.py).
        "api.parsers.LimitedJSONParser",
        "api.parsers.LimitedFormParser",
        "api.parsers.LimitedMultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "api.schema.ApiAutoSchema",
    "EXCEPTION_HANDLER": "api.errors.api_exception_handler",
    "URL_FORMAT_OVERRIDE": None,
    # The rate limit counts the client's address: the TCP peer's, or, behind the TLS proxy,
    # the address that proxy puts last in X-Forwarded-For (a client cannot choose it).
    "NUM_PROXIES": 1 if _behind_tls_proxy else 0,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": _("Billing Sandbox API"),
    "VERSION": "1",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # The trainer is answered the trainer's schema (with the faults' endpoints), anyone else
    # the public one.
    "DEFAULT_GENERATOR_CLASS": "api.schema.ApiSchemaGenerator",
    "SERVE_INCLUDE_SCHEMA": False,
    # Docstrings are for developers; the schema's words are translated (gettext_lazy).
    "DISABLE_DOCSTRING_DESCRIPTIONS": True,
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# Launched from an LMS (LTI 1.3, docs/lti.md): every request to an LMS (its key set, its token
# URL, its gradebook) gives up after this many seconds.
LMS_HTTP_TIMEOUT = env.int("SANDBOX_LMS_HTTP_TIMEOUT", default=5)
