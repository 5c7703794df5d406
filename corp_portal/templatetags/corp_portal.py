from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def money(amount: Decimal | None, currency: str) -> str:
    """An amount in the page's locale with two decimals and grouping, then the currency code."""
    if amount is None:
        return "—"
    return f"{number_format(amount, 2, use_l10n=True, force_grouping=True)} {currency}"
