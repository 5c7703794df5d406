"""The test suite: fast hashing, a fixed sandbox today."""

import datetime

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"
# A fast default hasher; the public passwords' hasher as in production (accounts.hashers).
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "accounts.hashers.PublicPasswordHasher",
]
SANDBOX_TODAY = datetime.date(2026, 11, 21)
SANDBOX_OPEN = True
# The trainer's own password, never the personas' (tests read it through `trainer_credentials`).
SANDBOX_TRAINER_PASSWORD = "Trainer-only-test-4471"
