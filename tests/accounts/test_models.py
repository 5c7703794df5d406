"""The article's rules on roles, enforced by clean() and by the database."""

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import translation
from django.utils.translation import gettext as _

from tests.factories import AccountFactory, PlanTierFactory, SubscriptionFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_user_signs_in_with_email(rf):
    from django.contrib.auth import authenticate

    user = UserFactory(email="someone@example.com")
    # A sign-in always comes with its request: django-axes counts failures per request.
    request = rf.post("/")
    assert authenticate(request, username="someone@example.com", password="sandbox-2026") == user


def test_billing_admin_must_be_an_account_admin():
    user = UserFactory.build(account=AccountFactory(), is_billing_admin=True)
    with pytest.raises(ValidationError, match="must be one of the account admins"):
        user.full_clean()
    with pytest.raises(IntegrityError):
        user.save()


def test_at_most_one_billing_admin_per_account():
    first = UserFactory(billing_admin=True)
    second = UserFactory.build(account=first.account, is_account_admin=True, is_billing_admin=True)
    with pytest.raises(ValidationError, match="already has a billing admin"):
        second.full_clean()
    with pytest.raises(IntegrityError):
        second.save()


def test_two_accounts_may_each_have_a_billing_admin():
    UserFactory(billing_admin=True)
    UserFactory(billing_admin=True)


def test_account_admin_belongs_to_an_account():
    user = UserFactory.build(account=None, is_account_admin=True)
    with pytest.raises(ValidationError):
        user.full_clean()
    with pytest.raises(IntegrityError):
        user.save()


def test_corporate_account_has_no_billing_center_billing_admin():
    user = UserFactory.build(account=AccountFactory(corporate=True), billing_admin=True)
    with pytest.raises(ValidationError, match="Corporate Billing Portal"):
        user.full_clean()


@pytest.mark.parametrize(
    ("flags", "roles"),
    [
        ({}, ["agent (standard user)"]),
        ({"account_admin": True}, ["account admin"]),
        ({"billing_admin": True}, ["account admin", "billing admin"]),
    ],
)
def test_roles_in_the_article_words(flags, roles):
    assert UserFactory(**flags).roles == roles


@pytest.mark.parametrize("language", [code for code, name in settings.LANGUAGES])
def test_roles_without_the_billing_admin_for_who_may_not_see_it(language):
    # Decided by the flag, not by comparing translated labels.
    with translation.override(language):
        ana = UserFactory(billing_admin=True)
        assert ana.role_labels(show_billing_admin=False) == [str(_("account admin"))]
        assert ana.role_labels() == ana.roles


def test_subscription_plan_tier_must_belong_to_its_product():
    subscription = SubscriptionFactory.build(
        account=AccountFactory(), plan_tier=PlanTierFactory(), product=PlanTierFactory().product
    )
    with pytest.raises(ValidationError, match="another product"):
        subscription.full_clean()


def test_subscriptions_with_prices_in_one_query(django_assert_num_queries):
    account = AccountFactory(currency="EUR")
    SubscriptionFactory.create_batch(3, account=account)
    from accounts.models import Subscription

    with django_assert_num_queries(1):
        prices = [
            s.price_per_license for s in Subscription.objects.with_prices().filter(account=account)
        ]
    assert len(prices) == 3 and all(prices)
