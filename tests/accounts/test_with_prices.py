"""`Subscription.objects.with_prices()`: its query built once a process, each call a fresh
copy that reads the current seat's rows as they are when it runs."""

import pytest

from accounts.models import Subscription, SubscriptionQuerySet
from sandbox.sample_data import ACME
from sandbox.worlds import seat_create
from seats.scope import seat_scope

pytestmark = pytest.mark.django_db


def _licenses():
    return {
        (s.account.name, s.product.code): (s.licenses, s.price_per_license)
        for s in Subscription.objects.with_prices().filter(account__name=ACME)
    }


def test_the_priced_query_is_built_once_a_process(sample_data, monkeypatch):
    Subscription.objects.with_prices()  # built at the latest here
    built = []
    original = SubscriptionQuerySet.with_prices
    monkeypatch.setattr(
        SubscriptionQuerySet, "with_prices", lambda qs: built.append(1) or original(qs)
    )
    first, second = Subscription.objects.with_prices(), Subscription.objects.with_prices()
    assert built == []
    assert first is not second and first.query is not second.query
    assert first._result_cache is None and second._result_cache is None


def test_each_call_reads_the_current_seat_as_it_is_then(sample_data):
    before = _licenses()
    assert before and all(price for _licenses, price in before.values())
    seat = seat_create()
    with seat_scope(seat):
        assert _licenses() == before  # the seat's own copy, the same values
        Subscription.objects.filter(account__name=ACME).update(licenses=77)
        in_seat = _licenses()
        assert {licenses for licenses, _price in in_seat.values()} == {77}
        seat_pks = set(Subscription.objects.with_prices().values_list("pk", flat=True))
    assert _licenses() == before  # the default seat untouched
    assert not seat_pks & set(Subscription.objects.with_prices().values_list("pk", flat=True))
