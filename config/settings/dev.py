"""Local development and a trainer's own machine: `make run` (runserver on 127.0.0.1).

DEBUG is off unless a developer asks for it (DJANGO_DEBUG=1): a class sees the translated 404
and 500 pages, never Django's debug page. Static files are served by whitenoise straight from
the apps' folders (its finders), as production serves them, so `make run` works offline with
no `collectstatic`; runserver serves them itself only with DEBUG on or --insecure, which its
documentation calls unfit for anything but development.
"""

from .base import *  # noqa: F403
from .base import DATABASES, MIDDLEWARE, sqlite_file_private

SECRET_KEY = SECRET_KEY or "dev-only-not-secret"  # noqa: F405
sqlite_file_private(DATABASES["default"])

MIDDLEWARE = [*MIDDLEWARE]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
WHITENOISE_USE_FINDERS = True
# Nothing is collected in development (`make collectstatic` belongs to the production
# profile): whitenoise serves the apps' folders, never a stale copy.
STATIC_ROOT = None
