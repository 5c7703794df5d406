"""The test suite: fast hashing, a fixed sandbox today."""

import datetime
import os

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
# No Chromium for the course material unless a test names one: a crawl that presses every
# button of every page (tests/production) must not start a capture in the background.
SANDBOX_CHROMIUM = os.environ.get("SANDBOX_CHROMIUM", "/test-settings/no-chromium")
# Links under the request's own address (http://testserver/...), whatever the shell exports;
# a test that needs the room's address sets it.
SANDBOX_PUBLIC_URL = ""
