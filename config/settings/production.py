"""Production: refuses to start without a strong secret key; hardened for TLS by default.

`make serve` runs these settings under gunicorn; whitenoise serves the compressed, hashed
static files that `collectstatic` wrote. Every value read from the environment is read in
base.py; docs/deploy.md lists them.
"""

from django.core.checks.security.base import (
    SECRET_KEY_INSECURE_PREFIX,
    SECRET_KEY_MIN_LENGTH,
    SECRET_KEY_MIN_UNIQUE_CHARACTERS,
)
from django.core.exceptions import ImproperlyConfigured

from core.serving import LOOPBACK_HOSTS, SERVED_CONN_MAX_AGE, secret_key_weak

from .base import *  # noqa: F403
from .base import (
    ALLOWED_HOSTS,
    DATABASES,
    HSTS_SECONDS_OVER_TLS,
    MIDDLEWARE,
    SECRET_KEY,
    SECURE_TLS,
    env,
    sqlite_file_private,
)

DEBUG = False
if not SECRET_KEY:
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY: production has no default secret key.")
# Django's own rule for a key that is not weak (`check --deploy`'s security.W009), enforced at
# start: whoever guesses the key forges sessions, CSRF tokens and signed links.
if secret_key_weak(SECRET_KEY):
    raise ImproperlyConfigured(
        f"DJANGO_SECRET_KEY is weak: production needs at least {SECRET_KEY_MIN_LENGTH} "
        f"characters, {SECRET_KEY_MIN_UNIQUE_CHARACTERS} of them different, not starting with "
        f"{SECRET_KEY_INSECURE_PREFIX!r}. Unset it and `make serve` makes one for this machine "
        "in .secret_key, or make one: python3 -c 'import secrets; "
        "print(secrets.token_urlsafe(50))'"
    )

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

# Over TLS unless DJANGO_SECURE_TLS=0 says otherwise, which is for this machine alone: plain
# http carries passwords and session cookies in clear, so it answers loopback names only.
SECURE_TLS = True if SECURE_TLS is None else SECURE_TLS
if SECURE_TLS:
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = HSTS_SECONDS_OVER_TLS
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # Load balancers ask for the health page over plain http, from inside.
    SECURE_REDIRECT_EXEMPT = [r"^[\w-]+/health/$"]
elif not set(ALLOWED_HOSTS) <= set(LOOPBACK_HOSTS):
    raise ImproperlyConfigured(
        "DJANGO_SECURE_TLS=0 (plain http) is for loopback only: DJANGO_ALLOWED_HOSTS may hold "
        f"only {', '.join(sorted(LOOPBACK_HOSTS))}. Serve other hosts over https (docs/deploy.md)."
    )

sqlite_file_private(DATABASES["default"])
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=SERVED_CONN_MAX_AGE)
