"""The portal's sample data: Diego's User ID, Globex's invoices, Bill To and Payment Profile.

Called by `sandbox.services.sandbox_load`: creates what is missing and changes nothing that
exists (stable keys); every date is counted from the sandbox's `today`.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model

from accounts.models import Account, BillingFrequency, PlanPrice
from sandbox import sample_data

from .models import BillTo, Country, Invoice, InvoiceLine, PaymentProfile, PortalLogin
from .services import invoice_email_send

INVOICE_MONTHS = 24
EMAILED_INVOICES = 3  # the most recent ones land in the holder's mailbox


def corp_portal_sample_data_load(*, accounts: dict[str, Account], today) -> None:
    globex = accounts[sample_data.GLOBEX]
    globex_logins = []  # Globex's invoices go to the holders of Globex's logins, and no one else
    for persona_key, user_id in sample_data.PORTAL_USER_IDS.items():
        holder = get_user_model().objects.get(email=sample_data.PERSONAS_BY_KEY[persona_key].email)
        login = PortalLogin.objects.filter(user_id=user_id).first()
        if login is None:
            login = PortalLogin(user_id=user_id, account=holder.account, holder=holder)
            login.set_password(sample_data.PORTAL_PASSWORD)
            login.save()
        if login.account_id == globex.pk:
            globex_logins.append(login)
    BillTo.objects.get_or_create(
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
    PaymentProfile.objects.get_or_create(
        account=globex,
        defaults={
            "payment_type": PaymentProfile.PaymentType.INVOICE,
            "payment_terms_days": 30,
            "card_brand": "",
            "card_last4": "",
            "purchase_order": "PO-GLX-2026-118",
        },
    )
    # The invoice history is one piece, dated from the day it was first loaded: a restart in
    # a later month adds no invoice and sends no email.
    if not Invoice.objects.filter(account=globex).exists():
        invoices = _load_invoices(globex, today)
        for login in globex_logins:
            for invoice in reversed(invoices[:EMAILED_INVOICES]):
                invoice_email_send(invoice=invoice, portal_login=login)


def _month_start(today: datetime.date, months_back: int) -> datetime.date:
    index = today.year * 12 + today.month - 1 - months_back
    return datetime.date(index // 12, index % 12 + 1, 1)


def _load_invoices(account: Account, today: datetime.date) -> list[Invoice]:
    """One invoice per month, issued on the 1st, newest first. Lines are billed monthly at the
    monthly price of each subscription's plan, with the seats of the sample data."""
    subscriptions = list(account.subscriptions.select_related("product", "plan_tier"))
    monthly_prices = {
        price.plan_tier_id: price.amount
        for price in PlanPrice.objects.filter(
            plan_tier__in=[s.plan_tier_id for s in subscriptions],
            currency=account.currency,
            billing_frequency=BillingFrequency.MONTHLY,
        )
    }
    invoices = []
    for months_back in range(INVOICE_MONTHS):
        issued_on = _month_start(today, months_back)
        next_month = _month_start(today, months_back - 1)
        invoice, created = Invoice.objects.get_or_create(
            number=f"GLX-{issued_on:%Y%m}",
            defaults={
                "account": account,
                "issued_on": issued_on,
                "period_start": issued_on,
                "period_end": next_month - datetime.timedelta(days=1),
                "due_on": issued_on + datetime.timedelta(days=30),
                "currency": account.currency,
                "total": Decimal("0.00"),
                "status": Invoice.Status.OPEN if months_back == 0 else Invoice.Status.PAID,
            },
        )
        if created:
            lines = [
                InvoiceLine(
                    invoice=invoice,
                    description=f"{s.product.name} {s.plan_tier.name_en}",
                    quantity=s.licenses,
                    unit_price=monthly_prices.get(s.plan_tier_id, Decimal("0.00")),
                    amount=monthly_prices.get(s.plan_tier_id, Decimal("0.00")) * s.licenses,
                )
                for s in subscriptions
            ]
            InvoiceLine.objects.bulk_create(lines)
            invoice.total = sum((line.amount for line in lines), Decimal("0.00"))
            invoice.save(update_fields=["total"])
        invoices.append(invoice)
    return invoices
