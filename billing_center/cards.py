"""Card numbers: the Luhn check, the brand, and the sandbox's test cards with known outcomes."""

import datetime

from django.core.exceptions import ValidationError
from django.views.decorators.debug import sensitive_variables

# The sandbox's test cards, as payment providers document theirs.
CARD_ALWAYS_SUCCEEDS = "4242424242424242"
CARD_ALWAYS_DECLINED = "4000000000000002"


class CardDeclined(ValidationError):
    """The (pretend) payment provider refused the card."""


@sensitive_variables("number")
def luhn_valid(number: str) -> bool:
    if not (number.isascii() and number.isdigit()):
        return False
    total = 0
    for index, char in enumerate(reversed(number)):
        digit = int(char)
        if index % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


@sensitive_variables("number")
def card_brand(number: str) -> str:
    if number.startswith("4"):
        return "Visa"
    if number[:2] in {"51", "52", "53", "54", "55"} or 2221 <= int(number[:4]) <= 2720:
        return "Mastercard"
    if number[:2] in {"34", "37"}:
        return "American Express"
    return "Card"


@sensitive_variables("number")
def card_is_declined(number: str) -> bool:
    return number == CARD_ALWAYS_DECLINED


def card_expired(card, *, on: datetime.date) -> bool:
    """Whether the card on file (a PaymentMethod, or None when there is none) cannot be charged
    on `on`: a card is good through the last day of its expiry month."""
    return card is None or (card.exp_year, card.exp_month) < (on.year, on.month)
