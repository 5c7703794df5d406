"""Words the sandbox uses the same way everywhere."""

import re

from babel.messages.pofile import read_po
from django.conf import settings

# Product.sort_order's label: an order of display, not something bought.
SORT_ORDER = "order"
# A customer's Purchase Order (the portal's account details) is a document of its own, an
# "orden de compra" in Spanish, not an order placed in the sandbox.
PURCHASE_ORDER = re.compile(r"\bPurchase Orders?\b")


def test_spanish_calls_every_order_a_pedido():
    with open(settings.BASE_DIR / "locale/es/LC_MESSAGES/django.po", "rb") as po:
        catalog = read_po(po, locale="es")
    orders = [
        (message.id, message.string)
        for message in catalog
        if isinstance(message.id, str)
        and message.id != SORT_ORDER
        and re.search(r"\border", PURCHASE_ORDER.sub("", message.id), re.IGNORECASE)
    ]
    assert len(orders) > 10
    for msgid, msgstr in orders:
        assert "pedido" in msgstr.lower(), msgid
        assert not re.search(r"\b[oó]rden", msgstr, re.IGNORECASE), msgid
