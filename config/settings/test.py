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
# Browser tests read the wrong-location page at their own pace; the one test of the refresh
# sets it short and waits for My Account.
SANDBOX_WRONG_LOCATION_SECONDS = 3600
# The trainer's own password, never the personas' (tests read it through `trainer_credentials`).
SANDBOX_TRAINER_PASSWORD = "Trainer-only-test-4471"
