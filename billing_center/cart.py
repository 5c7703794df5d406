"""The Billing Center's cart: more licenses chosen with Add to Cart, kept until Place Order.

As on the real Billing Center, adding licenses takes three pages: the product's "Add Agents"
form puts a number of licenses in the cart, the cart lists what is in it (Edit, Remove,
Proceed to Checkout), and the checkout reviews and places it.

The cart lives in the session, as `{subscription pk: licenses to add}` with a key of its own,
so it belongs to one signed-in person in one seat and is gone at sign-out. It holds numbers
only: every page reads the subscriptions again through the account's own (seat-scoped)
queryset, so a line whose subscription is not the account's any more drops out of the cart,
and each line is checked and priced again by the same service that places it.
"""

import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError

from accounts.models import Subscription

from . import services

SESSION_KEY = "billing_center_cart"


class Cart:
    """The session's cart: at most one line per subscription, and the cart's own key.

    The key is new whenever the lines change, and the checkout places the cart under it
    (`services.cart_line_key`): two tabs showing the same cart place it once, and a line
    brought back by an older copy of the session finds its order already placed.
    """

    def __init__(self, session):
        self.session = session

    def _stored(self) -> dict:
        return self.session.get(SESSION_KEY) or {"id": "", "lines": {}}

    @property
    def key(self) -> uuid.UUID:
        """The key of the cart as it is now (an empty cart has none to keep: a new one)."""
        stored = self._stored()
        return uuid.UUID(stored["id"]) if stored["id"] else uuid.uuid4()

    def quantities(self) -> dict[int, int]:
        """{subscription pk: licenses to add}, in the order the lines were added."""
        return {int(pk): int(quantity) for pk, quantity in self._stored()["lines"].items()}

    def quantity(self, subscription_id: int) -> int | None:
        return self.quantities().get(subscription_id)

    def put(self, subscription_id: int, quantity: int) -> None:
        """Add to Cart: a subscription already in the cart gets the new number (Edit)."""
        lines = self.quantities()
        lines[subscription_id] = quantity
        self._save(lines)

    def remove(self, subscription_id: int) -> None:
        lines = self.quantities()
        lines.pop(subscription_id, None)
        self._save(lines)

    def keep_only(self, subscription_ids) -> None:
        """Drops the lines of subscriptions the account no longer has (deleted, or never its)."""
        lines, found = self.quantities(), set(subscription_ids)
        kept = {pk: quantity for pk, quantity in lines.items() if pk in found}
        if kept != lines:
            self._save(kept)

    def clear(self) -> None:
        self.session.pop(SESSION_KEY, None)

    def __len__(self) -> int:
        return len(self._stored()["lines"])

    def _save(self, lines: dict[int, int]) -> None:
        if not lines:
            self.clear()
            return
        # JSON session keys are strings; `quantities()` turns them back into numbers.
        self.session[SESSION_KEY] = {
            "id": str(uuid.uuid4()),
            "lines": {str(pk): quantity for pk, quantity in lines.items()},
        }


@dataclass(frozen=True)
class CartLine:
    """One line as the cart and the checkout show it: priced, or refused with the reason."""

    subscription: Subscription
    quantity: int
    summary: services.OrderSummary | None
    refusal: str = ""


def cart_lines(cart: Cart, subscriptions: list) -> list[CartLine]:
    """The cart's lines for the account's `subscriptions` (all of them, `with_prices()`)."""
    quantities = cart.quantities()
    found = {pk: s for s in subscriptions if (pk := s.pk) in quantities}
    cart.keep_only(found)
    lines = []
    for pk, quantity in quantities.items():
        subscription = found.get(pk)
        if subscription is None:
            continue
        try:
            summary = services.order_summary_add_licenses(
                subscription=subscription, quantity=quantity
            )
        except ValidationError as refusal:
            lines.append(CartLine(subscription, quantity, None, " ".join(refusal.messages)))
        else:
            lines.append(CartLine(subscription, quantity, summary))
    return lines


def cart_totals(lines: list[CartLine]) -> dict:
    """What the cart and the checkout show under the lines: the total due today (in the
    account's currency), and whether a line is refused (then nothing can be placed)."""
    summaries = [line.summary for line in lines if line.summary is not None]
    return {
        "total_due": sum((summary.total_due for summary in summaries), Decimal("0.00")),
        "currency": summaries[0].currency if summaries else "",
        "refused": any(line.refusal for line in lines),
    }


def reviewed_lines(lines: list[CartLine]) -> str:
    """What the checkout showed, as its Place Order form sends it back: `pk:licenses:total`
    for each line. Placing compares it with the lines as they are then, so a cart changed in
    another tab, or a price changed since (another plan, the seat's clock), is reviewed again
    rather than charged unseen (`services.cart_place` compares them inside the lock)."""
    return ",".join(
        services.cart_line_shown(
            line.subscription.pk, line.quantity, line.summary.total_due if line.summary else "-"
        )
        for line in lines
    )
