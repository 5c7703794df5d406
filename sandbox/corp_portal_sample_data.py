"""The portal's sample data: Diego's User ID, Globex's invoices, Bill To, Payment Profile,
quotes, Purchase Order, invoice contact and auto-renewal.

Called by `sandbox.services.sandbox_load`: creates what is missing and changes nothing that
exists (stable keys); every date is counted from the sandbox's `today`.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model

from accounts.hashers import public_password_hash
from accounts.models import Account
from corp_portal.invoicing import invoice_lines, month_start, monthly_invoice, portal_prices
from corp_portal.models import (
    AutoRenewal,
    BillTo,
    Country,
    Invoice,
    InvoiceContact,
    InvoiceLine,
    PaymentProfile,
    PortalLogin,
    PurchaseOrder,
    Quote,
    RenewalOffReason,
)
from corp_portal.services import invoice_email_send

from . import sample_data

INVOICE_MONTHS = 24
EMAILED_INVOICES = 3  # the most recent ones land in the holder's mailbox


def row_get_or_create(model, *, fresh: bool, defaults: dict, **lookup) -> None:
    """`model`'s row found by `lookup`, created with `defaults` when absent; in a `fresh` seat
    (no row yet, see `sandbox_load`) created straight away: no lookup, no savepoint."""
    if fresh:
        model.objects.create(**lookup, **defaults)
    else:
        model.objects.get_or_create(defaults=defaults, **lookup)


def corp_portal_sample_data_load(
    *, accounts: dict[str, Account], today, fresh: bool = False
) -> None:
    globex = accounts[sample_data.GLOBEX]
    globex_logins = []  # Globex's invoices go to the holders of Globex's logins, and no one else
    for persona_key, user_id in sample_data.PORTAL_USER_IDS.items():
        holder = get_user_model().objects.get(email=sample_data.PERSONAS_BY_KEY[persona_key].email)
        login = None if fresh else PortalLogin.objects.filter(user_id=user_id).first()
        if login is None:
            login = PortalLogin(user_id=user_id, account=holder.account, holder=holder)
            login.password = public_password_hash(settings.SANDBOX_PORTAL_PASSWORD)
            login.save()
        if login.account_id == globex.pk:
            globex_logins.append(login)
    row_get_or_create(
        BillTo,
        fresh=fresh,
        account=globex,
        defaults={
            "company_name": "Globex Corporation",
            "attention": "Accounts Payable",
            "street": "Calle de Alcalá 120",
            "city": "Madrid",
            "region": "Madrid",
            "postal_code": "28009",
            "country": Country.ES,
            "email": "ap@globex.example",
        },
    )
    row_get_or_create(
        PaymentProfile,
        fresh=fresh,
        account=globex,
        defaults={
            "payment_type": PaymentProfile.PaymentType.INVOICE,
            "payment_terms_days": 30,
            "card_brand": "",
            "card_last4": "",
            "purchase_order": "PO-GLX-2026-118",
        },
    )
    _load_quotes(globex, today, fresh=fresh)
    row_get_or_create(
        InvoiceContact,
        fresh=fresh,
        account=globex,
        email="ap@globex.example",
        defaults={"name": "Accounts Payable"},
    )
    # GoToAssist's renewal waits for next year's budget: the Subscriptions page shows both states.
    rs5 = globex.subscriptions.filter(product__code="gotoassist-rs5").first()
    if rs5 is not None:
        row_get_or_create(
            AutoRenewal,
            fresh=fresh,
            subscription=rs5,
            defaults={"enabled": False, "reason": RenewalOffReason.BUDGET},
        )
    row_get_or_create(
        PurchaseOrder,
        fresh=fresh,
        account=globex,
        number="PO-GLX-2026-118",
        defaults={"expires_on": month_start(today, -12) - datetime.timedelta(days=1)},
    )
    # The invoice history is one piece, dated from the day it was first loaded: a restart in
    # a later month adds no invoice and sends no email.
    if fresh or not Invoice.objects.filter(account=globex).exists():
        invoices = _load_invoices(globex, today, fresh=fresh)
        for login in globex_logins:
            for invoice in reversed(invoices[:EMAILED_INVOICES]):
                invoice_email_send(invoice=invoice, portal_login=login)


# Globex's price quotes from its representative: {number: (product code, seats, price per
# seat, status, days since the quote)}. The open one holds Add Seats on GoToMeeting until
# Diego answers it; GoToWebinar has none, so its Add Seats works from the start.
QUOTES = {
    "Q-GLX-0007": ("gotomeeting", 30, Decimal("14.50"), Quote.Status.OPEN, 3),
    "Q-GLX-0003": ("gotoassist-rs5", 45, Decimal("190.00"), Quote.Status.REJECTED, 120),
}


def _load_quotes(account: Account, today: datetime.date, *, fresh: bool) -> None:
    """Each quote once, by its number (one insert): a quote Diego answered stays answered."""
    existing = (
        set()
        if fresh
        else set(
            Quote.objects.filter(account=account, number__in=QUOTES).values_list(
                "number", flat=True
            )
        )
    )
    subscriptions = {s.product.code: s for s in account.subscriptions.select_related("product")}
    Quote.objects.bulk_create(
        Quote(
            account=account,
            subscription=subscriptions[code],
            number=number,
            seats=seats,
            price_per_seat=price,
            currency=account.currency,
            issued_on=today - datetime.timedelta(days=age),
            valid_until=today - datetime.timedelta(days=age) + datetime.timedelta(days=60),
            status=status,
        )
        for number, (code, seats, price, status, age) in QUOTES.items()
        if number not in existing and code in subscriptions
    )


def _load_invoices(account: Account, today: datetime.date, *, fresh: bool) -> list[Invoice]:
    """One invoice per month, issued on the 1st, newest first. Each subscription is billed
    at the price of its own billing frequency (see `_invoice_lines`), with the sample seats.
    Written in two inserts (the invoices, then their lines): a class loads it for each seat."""
    subscriptions = list(account.subscriptions.select_related("product", "plan_tier"))
    prices = portal_prices(account, subscriptions)
    months = []
    for months_back in range(INVOICE_MONTHS):
        issued_on = month_start(today, months_back)
        months.append((months_back, issued_on, month_start(today, months_back - 1)))
    existing = (
        {}
        if fresh
        else {
            invoice.number: invoice
            for invoice in Invoice.objects.filter(
                number__in=[f"GLX-{issued_on:%Y%m}" for _, issued_on, _ in months]
            )
        }
    )
    invoices, new_lines = [], []
    for months_back, issued_on, next_month in months:
        number = f"GLX-{issued_on:%Y%m}"
        if number in existing:
            invoices.append(existing[number])
            continue
        invoice = monthly_invoice(
            account=account,
            number=number,
            issued_on=issued_on,
            next_month=next_month,
            status=Invoice.Status.OPEN if months_back == 0 else Invoice.Status.PAID,
        )
        lines = invoice_lines(invoice, subscriptions, prices, next_month)
        invoice.total = sum((line.amount for line in lines), Decimal("0.00"))
        invoices.append(invoice)
        new_lines.append((invoice, lines))
    Invoice.objects.bulk_create([invoice for invoice, _lines in new_lines])
    # Each line's invoice has its id now; Django reads it when the lines are saved.
    InvoiceLine.objects.bulk_create([line for _invoice, lines in new_lines for line in lines])
    return invoices
