"""Wrong guesses counted per visitor in the shared cache: a fixed window, then a wait."""

import pytest
from django.test import RequestFactory

from core import throttle
from core.throttle import MissLimit, client_address

pytestmark = pytest.mark.django_db


def test_a_visitor_waits_once_past_the_limit_until_the_window_ends(monkeypatch):
    import time

    # The next window's start: the cache keeps what it is given for 100 s from then.
    now = [(time.time() // 100 + 1) * 100]
    monkeypatch.setattr(throttle.time, "time", lambda: now[0])
    limit = MissLimit("test", limit=3, window=100)
    for _ in range(3):
        assert limit.retry_after("198.51.100.1") == 0
        limit.miss("198.51.100.1")
    now[0] += 30
    assert limit.retry_after("198.51.100.1") == 70
    assert limit.retry_after("198.51.100.2") == 0  # another visitor
    now[0] += 70  # the next window
    assert limit.retry_after("198.51.100.1") == 0


def test_behind_the_tls_proxy_the_address_is_the_one_the_proxy_added(settings):
    request = RequestFactory().get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.0.0.9, 203.0.113.4"
    )
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 0}
    assert client_address(request) == "127.0.0.1"  # a client's own header is not believed
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    assert client_address(request) == "203.0.113.4"
