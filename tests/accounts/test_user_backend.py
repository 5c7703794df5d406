"""accounts.backends.UserBackend: the signed-in user with their account in one query, the
query built once a process, the user read in the request's seat."""

import pytest
from django.db.models import QuerySet

from accounts.backends import UserBackend
from accounts.models import User
from sandbox.sample_data import PERSONAS_BY_KEY
from sandbox.worlds import seat_create
from seats.scope import seat_scope

ANA = PERSONAS_BY_KEY["ana"].email
pytestmark = pytest.mark.django_db


def test_the_user_and_account_are_read_in_one_query_built_once(
    sample_data, monkeypatch, django_assert_num_queries
):
    ana = User.objects.get(email=ANA)
    UserBackend().get_user(ana.pk)  # built at the latest here
    built = []
    original = QuerySet.select_related
    monkeypatch.setattr(
        QuerySet, "select_related", lambda qs, *f: built.append(f) or original(qs, *f)
    )
    with django_assert_num_queries(1):
        user = UserBackend().get_user(ana.pk)
        assert user.account.name  # no query more
    assert built == []
    assert user == ana


def test_the_user_is_read_in_the_seat_of_the_request(sample_data):
    default_ana = User.objects.get(email=ANA)
    seat = seat_create()
    with seat_scope(seat):
        seat_ana = User.objects.get(email=ANA)
        assert UserBackend().get_user(seat_ana.pk) == seat_ana
        assert UserBackend().get_user(default_ana.pk) is None
    assert UserBackend().get_user(seat_ana.pk) is None
