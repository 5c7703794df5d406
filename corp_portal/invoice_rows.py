"""The portal's invoice list, prepared once in Python rather than in the template loop: the
status labels translated once per page, the links written from one reversal
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
    due_on: str
    total: str
    balance: str
    status: str
    pay_url: str  # Pay Now, on an invoice with a balance; "" on one with nothing due


def invoice_rows(invoices) -> list[InvoiceRow]:
    statuses = choice_labels(Invoice.Status.choices)
    link = link_maker("corp_portal:invoice")
    pay_link = link_maker("corp_portal:pay-now")
    return [
        InvoiceRow(
            number=invoice.number,
            url=link(invoice.pk),
            issued_on=format_day(invoice.issued_on),
            due_on=format_day(invoice.due_on),
            total=format_money(invoice.total, invoice.currency),
            balance=format_money(invoice.balance, invoice.currency),
            status=statuses.get(invoice.status, invoice.status),
            pay_url=pay_link(invoice.pk) if invoice.balance else "",
        )
        for invoice in invoices
    ]
