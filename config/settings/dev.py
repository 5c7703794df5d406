"""The trainer's own machine and a developer's: `make run` (the room: gunicorn, run by the `room`
command, core/management/commands/room.py) and `make dev` (runserver, reloading, debug pages).

DEBUG is off unless a developer asks for it (DJANGO_DEBUG=1, which `make dev` sets and the
room refuses): a class sees the translated 404 and 500 pages, never Django's debug page.
Static files are served by whitenoise straight from the apps' folders (its finders), as
production serves them, so both work offline with no `collectstatic`. The room's
ALLOWED_HOSTS and SANDBOX_PUBLIC_URL are worked out by the `room` command and handed to
gunicorn in the environment; SQLite is set up for a class's writers in base.py, for every
profile.
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
