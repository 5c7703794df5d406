"""Production: refuses to start without a real secret key; hardened for TLS by default.

`make serve` runs these settings under gunicorn; whitenoise serves the compressed, hashed
static files that `collectstatic` wrote. Every value read from the environment is read in
base.py; docs/deploy.md lists them.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASES, HSTS_SECONDS_OVER_TLS, MIDDLEWARE, SECRET_KEY, SECURE_TLS

DEBUG = False
if not SECRET_KEY:
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY: production has no default secret key.")

# Whitenoise right after SecurityMiddleware, as its documentation asks.
MIDDLEWARE = [*MIDDLEWARE]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Over TLS unless DJANGO_SECURE_TLS=0 says otherwise (a plain-http classroom on one machine).
SECURE_TLS = True if SECURE_TLS is None else SECURE_TLS
if SECURE_TLS:
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = HSTS_SECONDS_OVER_TLS
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several gunicorn workers share one SQLite file: write-ahead log, wait for the lock
    # rather than fail, and take the write lock when a transaction starts.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
