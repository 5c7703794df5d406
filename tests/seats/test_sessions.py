"""The sandbox's session engine (`seats.sessions`) reads a session as Django's own database
store does, its SQL compiled once a process: the same table, the same data, the same expiry."""

import datetime
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore as DjangoStore
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from sandbox.sample_data import PERSONAS_BY_KEY
from sandbox.worlds import seat_create
from seats import sessions
from seats.scope import seat_scope
from seats.sessions import SessionStore

pytestmark = pytest.mark.django_db

ANA = PERSONAS_BY_KEY["ana"].email
NOW = datetime.datetime(2026, 3, 2, 10, 0, 0, 500_000, tzinfo=datetime.UTC)
TICK = datetime.timedelta(microseconds=1)


def saved_session(expire_date) -> str:
    """A session saved by Django's own store, expiring at `expire_date`: its key."""
    store = DjangoStore()
    store["cart"] = {"licenses": 3}
    store.create()
    Session.objects.filter(pk=store.session_key).update(expire_date=expire_date)
    return store.session_key


# case -> (the session key a browser sends, what the store then holds: data and key kept)
CASES = {
    "live": (lambda: saved_session(NOW + datetime.timedelta(days=1)), True),
    "expires-a-microsecond-later": (lambda: saved_session(NOW + TICK), True),
    "expires-now": (lambda: saved_session(NOW), False),
    "expired": (lambda: saved_session(NOW - datetime.timedelta(days=1)), False),
    "unknown-key": (lambda: "k" * 32, False),
    "no-key": (lambda: None, False),
}


@pytest.mark.parametrize("case", CASES)
def test_the_store_loads_a_session_as_djangos_store_does(db, case):
    make_key, kept = CASES[case]
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        key = make_key()
        loaded = {}
        for store_class in (DjangoStore, SessionStore):
            store = store_class(key)
            loaded[store_class] = (store.load(), store.session_key)
    assert loaded[SessionStore] == loaded[DjangoStore]
    if kept:
        assert loaded[SessionStore] == ({"cart": {"licenses": 3}}, key)
    else:
        assert loaded[SessionStore] == ({}, None)


def test_a_session_saved_by_djangos_store_is_read_back_and_saved_again(db):
    key = saved_session(timezone.now() + datetime.timedelta(days=1))

    store = SessionStore(key)
    assert store["cart"] == {"licenses": 3}
    store["cart"] = {"licenses": 4}
    store.save()

    assert DjangoStore(key)["cart"] == {"licenses": 4}
    assert SessionStore(key)["cart"] == {"licenses": 4}


def test_an_expired_session_is_a_new_one_with_a_new_key(db):
    key = saved_session(timezone.now() - datetime.timedelta(seconds=1))
    store = SessionStore(key)
    store["cart"] = {"licenses": 1}
    store.save()
    assert store.session_key not in (None, key)
    assert SessionStore(store.session_key)["cart"] == {"licenses": 1}


@pytest.mark.parametrize("in_a_seat", [False, True], ids=["default-seat", "joined-seat"])
def test_a_signed_in_browser_keeps_its_session_across_requests(client, sample_data, in_a_seat):
    assert settings.SESSION_ENGINE == "seats.sessions"
    seat = seat_create() if in_a_seat else None
    if seat:
        client.get(reverse("seats:enter", args=[seat.token]))
    client.post(reverse("sandbox:persona-sign-in", args=["ana"]))
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    with seat_scope(seat):  # None: the default seat
        ana = User.objects.get(email=ANA)

    with mock.patch.object(sessions, "_session_read", wraps=sessions._session_read) as read:
        for _ in range(3):
            response = client.get(reverse("billing_center:my-account"))
            assert response.status_code == 200
            assert response.wsgi_request.user.pk == ana.pk
            assert response.wsgi_request.session.session_key == key
    assert read.first.call_count == 3  # each request's session, read by this engine
    assert isinstance(client.session, SessionStore)
