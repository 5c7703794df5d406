"""Every Billing Center page runs the same number of SQL queries for 1 or 50 subscriptions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.services import activity_record
from billing_center.cart import Cart
from tests.factories import AccountFactory, SubscriptionFactory, UserFactory

from .factories import BillingInfoFactory, InvoiceFactory, PaymentMethodFactory


def account_of_size(size):
    account = AccountFactory()
    admin = UserFactory(billing_admin=True, account=account)
    agent = UserFactory(account=account)
    UserFactory.create_batch(size, account=account, is_account_admin=True)
    subscriptions = SubscriptionFactory.create_batch(size, account=account)
    for subscription in subscriptions:
        InvoiceFactory(subscription=subscription)
        activity_record(actor=admin, account=account, action="order_placed", summary="x")
    PaymentMethodFactory(account=account)
    BillingInfoFactory(account=account)
    return admin, agent, subscriptions[0], account.invoices.first()


PAGES = [
    ("admin", "get", "subscriptions", False),
    ("admin", "get", "add-licenses", True),
    ("admin", "post", "add-licenses", True),
    ("admin", "get", "cart", False),
    ("admin", "get", "checkout", False),
    ("admin", "get", "edit", True),
    ("admin", "get", "cancel", True),
    ("admin", "get", "payment-method", False),
    ("admin", "get", "billing-info", False),
    ("admin", "get", "billing-history", False),
    ("admin", "get", "invoice", "invoice"),
    ("admin", "get", "activity", False),
    ("admin", "get", "my-account", False),
    ("agent", "get", "my-account", False),
    ("agent", "get", "wrong-location", False),
    ("agent", "get", "subscriptions", False),
]


def request(client, who, method, name, pk, people):
    admin, agent, subscription, invoice = people
    kwargs = {}
    if pk is True:
        kwargs = {"pk": subscription.pk}
    elif pk == "invoice":
        kwargs = {"pk": invoice.pk}
    path = reverse(f"billing_center:{name}", kwargs=kwargs or None)

    def run():
        client.force_login(admin if who == "admin" else agent)
        if name in ("cart", "checkout"):  # a line in the cart, as Add to Cart leaves it
            session = client.session
            Cart(session).put(subscription.pk, 2)
            session.save()
        if method == "post":
            return client.post(path, {"quantity": "2"})
        return client.get(path)

    return run


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "method", "name", "pk"), PAGES)
def test_constant_queries(client, django_assert_num_queries, who, method, name, pk):
    small = request(client, who, method, name, pk, account_of_size(1))
    large = request(client, who, method, name, pk, account_of_size(50))
    small()  # warm caches (content types, translations)
    with CaptureQueriesContext(connection) as captured:
        response = small()
    expected = len(captured)  # read now: each request resets the connection's query log
    if who == "agent" and name == "subscriptions":
        assert response.status_code == 403
    elif method == "post":  # Add to Cart, then the cart
        assert response.status_code == 302
    else:
        assert response.status_code == 200
    large()  # the same warm-up
    with django_assert_num_queries(expected):
        large()
