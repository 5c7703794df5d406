"""The Subscriptions page's cards (BC-1), prepared once in Python rather than in the template loop.

Everything a card shows is computed here: the status and billing frequency labels translated
once per page (not once per card), the links written from one reversal per URL pattern
(`core.lists.link_maker`), the renewal date and the amounts formatted once each with the one
formatter of the site (`core.formatting`). The template only places these strings, so a page
of 50 cards costs little more than a page of 2.
"""

from dataclasses import dataclass

from accounts.models import BillingFrequency, Product, Subscription
from core.formatting import format_day, format_money
from core.lists import choice_labels, link_maker


@dataclass(frozen=True)
class SubscriptionCard:
    """One subscription as its card shows it: every value already a string to place."""

    pk: int
    product_code: str
    product_name: str
    pending_cancellation: bool
    status_label: str
    plan_tier: str
    licenses: int
    billing_frequency: str
    renewal_date: str
    price_per_license: str
    total: str
    add_licenses_label: str  # in the product's word: Add Agents, Add Organizers
    add_licenses_url: str
    edit_url: str
    cancel_url: str


def subscription_cards(subscriptions, *, currency: str) -> list[SubscriptionCard]:
    """The cards of `subscriptions` (read `with_prices()`), amounts in the account's currency."""
    statuses = choice_labels(Subscription.Status.choices)
    frequencies = choice_labels(BillingFrequency.choices)
    add_licenses = link_maker("billing_center:add-licenses")
    add_licenses_label = str(Product.ADD_LICENSES)
    edit = link_maker("billing_center:edit")
    cancel = link_maker("billing_center:cancel")
    return [
        SubscriptionCard(
            pk=subscription.pk,
            product_code=subscription.product.code,
            product_name=subscription.product.name,
            pending_cancellation=(subscription.status == Subscription.Status.PENDING_CANCELLATION),
            status_label=statuses.get(subscription.status, subscription.status),
            plan_tier=subscription.plan_tier.name,
            licenses=subscription.licenses,
            billing_frequency=frequencies.get(
                subscription.billing_frequency, subscription.billing_frequency
            ),
            renewal_date=format_day(subscription.renewal_date),
            price_per_license=format_money(subscription.price_per_license, currency),
            total=format_money(subscription.total, currency),
            add_licenses_label=subscription.product.add_licenses_label_from(add_licenses_label),
            add_licenses_url=add_licenses(subscription.pk),
            edit_url=edit(subscription.pk),
            cancel_url=cancel(subscription.pk),
        )
        for subscription in subscriptions
    ]
