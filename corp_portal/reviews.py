"""The service orders Add Seats reviewed, kept in the session until they are placed.

The review page shows a new seat quantity; Place service order must place exactly that. The
hidden fields of the review's form can be edited, so the review itself is kept here, as the
Billing Center's cart is (`billing_center/cart.py`): in the session, under the review's order
key, with the subscription, the new quantity and the seats it was reviewed from. Placing reads
it back by the posted key; a posted quantity that is not the one reviewed is refused.
"""

import uuid
from dataclasses import dataclass

SESSION_KEY = "corp_portal_reviews"
# Reviews kept at once (several tabs, Back and review again): the oldest go first.
REVIEWS_KEPT = 10


@dataclass(frozen=True)
class ReviewedOrder:
    """What a review page showed: `seats` in all, reviewed from `seats_before`."""

    subscription_id: int
    seats: int
    seats_before: int


def review_keep(session, *, order_key: uuid.UUID, order: ReviewedOrder) -> None:
    """Remember the order the review page with `order_key` shows."""
    reviews = dict(session.get(SESSION_KEY) or {})
    reviews[str(order_key)] = [order.subscription_id, order.seats, order.seats_before]
    session[SESSION_KEY] = dict(list(reviews.items())[-REVIEWS_KEPT:])


def review_read(session, *, order_key: uuid.UUID) -> ReviewedOrder | None:
    """The order reviewed under `order_key` in this session, None if none was."""
    stored = (session.get(SESSION_KEY) or {}).get(str(order_key))
    if not isinstance(stored, list) or len(stored) != 3:
        return None
    return ReviewedOrder(*(int(value) for value in stored))


def review_forget(session, *, order_key: uuid.UUID) -> None:
    """A placed review is placed: its key finds the order from now on (`PlacedOrder`)."""
    reviews = dict(session.get(SESSION_KEY) or {})
    if reviews.pop(str(order_key), None) is not None:
        session[SESSION_KEY] = reviews
