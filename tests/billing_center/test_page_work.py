"""The Subscriptions page's work per render grows far slower than its cards (issue: speed of
a page). Counted, never timed: translations looked up, URLs reversed, SQL queries. Labels are
translated once per page and links reversed once per URL pattern (billing_center/
subscription_cards.py), so 50 cards look up no more than 2 do; the time ratio is `make bench`'s.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.urls.resolvers import URLResolver
from django.utils import translation

from accounts.models import Subscription
from tests.factories import AccountFactory, SubscriptionFactory, UserFactory

FEW, MANY = 2, 50
MOST = 3  # a page of MANY cards does at most MOST times the work of FEW


class Work:
    def __init__(self):
        self.gettext = self.reverse = 0


@pytest.fixture
def count_work(monkeypatch):
    """A function: page path, client -> the Work and queries of rendering it once."""

    def count(client, path):
        warm_up = "x"  # a variable, not a literal: makemessages finds no message here
        translation.gettext(warm_up)  # Django binds its translation functions on first use
        work = Work()
        for name in ("gettext", "pgettext", "ngettext"):
            original = getattr(translation._trans, name)

            def counted(*args, _original=original, **kwargs):
                work.gettext += 1
                return _original(*args, **kwargs)

            monkeypatch.setattr(translation._trans, name, counted)
        original_reverse = URLResolver._reverse_with_prefix

        def counted_reverse(self, *args, **kwargs):
            work.reverse += 1
            return original_reverse(self, *args, **kwargs)

        monkeypatch.setattr(URLResolver, "_reverse_with_prefix", counted_reverse)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        monkeypatch.undo()
        assert response.status_code == 200
        return work, len(queries), response

    return count


def billing_admin_with(cards: int, *, pending: int = 0):
    account = AccountFactory()
    admin = UserFactory(billing_admin=True, account=account)
    subscriptions = SubscriptionFactory.create_batch(cards, account=account)
    for subscription in subscriptions[:pending]:
        subscription.status = Subscription.Status.PENDING_CANCELLATION
        subscription.save()
    return admin


@pytest.mark.django_db
@pytest.mark.parametrize("pending", [0, 1])
def test_subscriptions_page_work_grows_slower_than_its_cards(client, count_work, pending):
    path = reverse("billing_center:subscriptions")
    measured = {}
    for cards in (FEW, MANY):
        client.force_login(billing_admin_with(cards, pending=pending))
        work, queries, response = count_work(client, path)
        assert response.content.decode().count('data-testid="bc-subscription-') == cards
        measured[cards] = (work, queries)
    (few, few_queries), (many, many_queries) = measured[FEW], measured[MANY]
    assert many_queries <= MOST * few_queries
    assert many.gettext <= MOST * few.gettext, (few.gettext, many.gettext)
    assert many.reverse <= MOST * few.reverse, (few.reverse, many.reverse)
    # Not merely under the target: labels once per page, one reversal per link pattern.
    assert many.gettext - few.gettext <= pending
    assert many.reverse == few.reverse


@pytest.mark.django_db
def test_the_cards_follow_the_products_order_then_the_subscriptions(client):
    """Sorted in Python (SubscriptionsView), in Meta.ordering's order: the product's order
    first, whatever order the rows were made in; two of one order by their id."""
    account = AccountFactory()
    client.force_login(UserFactory(billing_admin=True, account=account))
    made = SubscriptionFactory.create_batch(4, account=account)
    for subscription, order in zip(made, [30, 10, 20, 10], strict=True):
        subscription.product.sort_order = order
        subscription.product.save()
    html = client.get(reverse("billing_center:subscriptions")).content.decode()
    shown = [html.index(f'data-testid="bc-subscription-{s.product.code}"') for s in made]
    expected = [made[1], made[3], made[2], made[0]]
    assert sorted(made, key=lambda s: shown[made.index(s)]) == expected
    assert list(Subscription.objects.filter(account=account)) == expected  # Meta.ordering's
