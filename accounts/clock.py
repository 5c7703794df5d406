"""The sandbox's today: sample dates and billing periods are counted from it."""

import datetime

from django.conf import settings
from django.utils import timezone


def sandbox_today() -> datetime.date:
    """`SANDBOX_TODAY` when configured (trainers' material stays true), else the real date."""
    return settings.SANDBOX_TODAY or timezone.localdate()
