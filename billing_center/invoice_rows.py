"""The billing history's rows, prepared once in Python rather than in the template loop: the
kind labels translated once per page, the links written from one reversal
(`core.lists.link_maker`), the dates and amounts formatted once each (`core.formatting`)."""

from dataclasses import dataclass

from core.formatting import format_day, format_money
from core.lists import choice_labels, link_maker

from .models import Invoice


@dataclass(frozen=True)
class InvoiceRow:
    number: str
    url: str
    issued_on: str
    kind: str
    product_name: str
    plan_tier: str
    total: str


def invoice_rows(invoices) -> list[InvoiceRow]:
    """Invoices read with their product and plan tier (`select_related`)."""
    kinds = choice_labels(Invoice.Kind.choices)
    link = link_maker("billing_center:invoice")
    return [
        InvoiceRow(
            number=invoice.number,
            url=link(invoice.pk),
            issued_on=format_day(invoice.issued_on),
            kind=kinds.get(invoice.kind, invoice.kind),
            product_name=invoice.product.name,
            plan_tier=invoice.plan_tier.name,
            total=format_money(invoice.total, invoice.currency),
        )
        for invoice in invoices
    ]
