"""Writes of the Corporate Billing Portal: sign-in attempts, Bill To, service orders, emails."""

import datetime
import uuid
from collections.abc import Callable
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Min
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from accounts.clock import sandbox_last_day
from accounts.decisions import PortalSignIn
from accounts.models import Account, Subscription
from accounts.services import (
    LicensesQuote,
    activity_record,
    fields_changed,
    licenses_added_record,
    licenses_quote,
    mail_on_commit,
    subscription_licenses_add,
    subscription_renew,
)
from core.formatting import format_day

from .invoicing import invoice_lines, month_start, monthly_invoice, portal_prices
from .models import (
    LOCKOUT_MINUTES,
    MAX_FAILED_ATTEMPTS,
    AutoRenewal,
    BillTo,
    Invoice,
    InvoiceContact,
    InvoiceLine,
    InvoicePayment,
    PortalLogin,
    PurchaseOrder,
    Quote,
    RenewalOffReason,
    ServiceOrder,
)


class PortalSignInError(Exception):
    """A refused portal sign-in; `code` is PortalSignIn.INVALID (unknown User ID or wrong
    password) or PortalSignIn.LOCKED (too many failed attempts, until `locked_until`).

    `user_id_known` tells the two INVALID cases apart, for the words only: the real portal
    answers "Invalid User ID" to a User ID it does not know and "Invalid User ID/password" to
    a known one with the wrong password. Both are the same refusal (BC-2c / AC-3c)."""

    def __init__(
        self,
        code: PortalSignIn,
        *,
        locked_until: datetime.datetime | None = None,
        user_id_known: bool = True,
    ):
        super().__init__(code)
        self.code = code
        self.locked_until = locked_until
        self.user_id_known = user_id_known


def normalize_user_id(user_id: str) -> str:
    return user_id.strip().upper()


@sensitive_variables("password")
def portal_sign_in(
    *, user_id: str, password: str, now: datetime.datetime | None = None
) -> PortalLogin:
    """Check a User ID and password; count failures and lock the User ID after too many.

    An unknown User ID gets the same answer as a wrong password. A locked User ID is refused
    even with the right password, until the lock expires or a trainer clears it.
    """
    login, refusal = _sign_in_attempt(user_id=user_id, password=password, now=now or timezone.now())
    # Raised after the transaction, so the failure counted stays counted.
    if refusal:
        locked_until = login.locked_until if refusal == PortalSignIn.LOCKED else None
        raise PortalSignInError(refusal, locked_until=locked_until, user_id_known=login is not None)
    return login


@sensitive_variables("password")
def _sign_in_attempt(
    *, user_id: str, password: str, now: datetime.datetime
) -> tuple[PortalLogin | None, PortalSignIn | None]:
    with transaction.atomic():
        login = (
            PortalLogin.objects.select_for_update(of=("self",))
            .select_related("account", "holder")
            .filter(user_id=normalize_user_id(user_id))
            .first()
        )
        if login is None:
            return None, PortalSignIn.INVALID
        if login.is_locked(now):
            return login, PortalSignIn.LOCKED
        if not login.check_password(password):
            login.failed_attempts = F("failed_attempts") + 1
            login.save(update_fields=["failed_attempts"])
            login.refresh_from_db(fields=["failed_attempts"])
            if login.failed_attempts >= MAX_FAILED_ATTEMPTS:
                login.failed_attempts = 0
                login.locked_until = now + datetime.timedelta(minutes=LOCKOUT_MINUTES)
                login.save(update_fields=["failed_attempts", "locked_until"])
                return login, PortalSignIn.LOCKED
            return login, PortalSignIn.INVALID
        login.failed_attempts = 0
        login.locked_until = None
        login.last_sign_in_at = now
        login.save(update_fields=["failed_attempts", "locked_until", "last_sign_in_at"])
        return login, None


def portal_lockout_clear(*, portal_login: PortalLogin, actor) -> None:
    """A trainer lets a locked-out User ID try again at once."""
    before = {"failed_attempts": portal_login.failed_attempts, "locked": portal_login.is_locked()}
    portal_login.failed_attempts = 0
    portal_login.locked_until = None
    portal_login.save(update_fields=["failed_attempts", "locked_until"])
    activity_record(
        actor=actor,
        account=portal_login.account,
        action="portal_lockout_cleared",
        summary=f"Lockout of portal User ID {portal_login.user_id} cleared",
        before=before,
        after={"failed_attempts": 0, "locked": False},
    )


@transaction.atomic
def bill_to_update(*, portal_login: PortalLogin, bill_to: BillTo, changes: dict) -> BillTo:
    """Change the billing address of the portal login's account. The country never changes."""
    if bill_to.account_id != portal_login.account_id:
        raise ValidationError(_("This address belongs to another account."))
    unknown = set(changes) - set(BillTo.EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(_("These fields cannot be changed: %s") % ", ".join(sorted(unknown)))
    before = {field: getattr(bill_to, field) for field in BillTo.EDITABLE_FIELDS}
    for field, value in changes.items():
        setattr(bill_to, field, value)
    bill_to.full_clean()
    bill_to.save()
    changed_before, changed_after = fields_changed(
        before, {field: getattr(bill_to, field) for field in BillTo.EDITABLE_FIELDS}
    )
    if changed_after:
        activity_record(
            actor=portal_login.holder,
            account=portal_login.account,
            action="bill_to_changed",
            summary=f"Bill To changed in the Corporate Billing Portal ({portal_login.user_id})",
            before=changed_before,
            after=changed_after,
        )
    return bill_to


def seats_validate(*, subscription: Subscription, seats: int) -> LicensesQuote:
    """A new seat quantity must add seats; the domain checks the rest and prices them."""
    if seats <= subscription.licenses:
        raise ValidationError(
            _("Enter more seats than the %(current)d you have now."),
            params={"current": subscription.licenses},
            code="not_more",
        )
    return licenses_quote(subscription=subscription, quantity=seats - subscription.licenses)


@transaction.atomic
def service_order_place(
    *,
    portal_login: PortalLogin,
    subscription_id: int,
    seats: int,
    seats_reviewed: int,
    order_key: uuid.UUID,
) -> ServiceOrder:
    """Add Seats: raise a subscription's seats to `seats`, as reviewed from `seats_reviewed`.

    The domain's `subscription_licenses_add` does it (locked, once per reviewed order, priced
    once) and returns what the service order needs; an order whose review no longer matches
    the current seats is refused. The portal then issues the service order, records the
    order under its number, and emails the holder (in the page's language) once it is
    committed. A review placed before raises `accounts.services.OrderAlreadyPlaced`.
    """
    if seats <= seats_reviewed:
        raise ValidationError(
            _("Enter more seats than the %(current)d you have now."),
            params={"current": seats_reviewed},
            code="not_more",
        )

    try:
        added = subscription_licenses_add(
            account=portal_login.account,
            subscription_id=subscription_id,
            quantity=seats - seats_reviewed,
            order_key=order_key,
            licenses_reviewed=seats_reviewed,
        )
    except ValidationError as error:
        if getattr(error, "code", None) != "changed":
            raise
        raise ValidationError(
            _(
                "The seats of this subscription changed to %(current)d since your review. "
                "Please review the order again."
            ),
            params=error.params,
            code="changed",
        ) from None
    quote, subscription = added.quote, added.subscription
    order = ServiceOrder.objects.create(
        account_id=portal_login.account_id,
        subscription=subscription,
        portal_login=portal_login,
        seats_before=quote.licenses_before,
        seats_after=quote.licenses_after,
        price_per_seat=quote.price_per_license,
        amount=quote.amount,
        currency=subscription.account.currency,
    )
    licenses_added_record(actor=portal_login.holder, added=added, reference=order.number)
    if portal_login.holder is not None:
        mail_on_commit(
            subject=_("Service order %(number)s placed: %(product)s")
            % {"number": order.number, "product": subscription.product.name},
            body=render_to_string(
                "corp_portal/email/order_placed.txt",
                {"order": order, "subscription": subscription, "portal_login": portal_login},
            ),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[portal_login.holder.email],
        )
    return order


def invoice_email_subject(invoice: Invoice) -> str:
    subjects = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            subjects.append(_("Invoice"))
    return f"{' / '.join(subjects)} {invoice.number} · {invoice.account.name}"


def invoice_email_send(*, invoice: Invoice, portal_login: PortalLogin) -> None:
    """Email an invoice to the holder of the account's portal login, stating the User ID.

    The sandbox's sample data is shared by trainers of all three languages, so the email
    says it in each of them.
    """
    if portal_login.holder is None:
        return
    parts = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            parts.append(
                render_to_string(
                    "corp_portal/email/invoice.txt",
                    {
                        "invoice": invoice,
                        "portal_login": portal_login,
                        "sign_in_path": reverse("corp_portal:sign-in"),
                    },
                ).strip()
            )
    send_mail(
        invoice_email_subject(invoice),
        "\n\n— — —\n\n".join(parts),
        settings.DEFAULT_FROM_EMAIL,
        [portal_login.holder.email],
    )


# Forgot Password? ------------------------------------------------------------------------


class PortalPasswordResetTokens(PasswordResetTokenGenerator):
    """The reset link's token: signed with the site's secret, valid PASSWORD_RESET_TIMEOUT
    seconds, and for one use only: it is made from the login's password hash, which the new
    password changes (Django's own password-reset token, for a portal login)."""

    key_salt = "corp_portal.services.PortalPasswordResetTokens"

    def _make_hash_value(self, user, timestamp):
        return f"{user.pk}{user.seat_id}{user.password}{timestamp}"


portal_password_tokens = PortalPasswordResetTokens()


def portal_password_reset_send(
    *, user_id: str, reset_url: Callable[[PortalLogin, str], str]
) -> bool:
    """Forgot Password?: email a link to set a new password to whoever receives the User ID's
    invoices (the login's holder). An unknown User ID sends nothing; the page says the same
    either way, so it tells no one which User IDs exist. True when an email was sent."""
    login = (
        PortalLogin.objects.select_related("holder", "account")
        .filter(user_id=normalize_user_id(user_id))
        .first()
    )
    if login is None or login.holder is None:
        return False
    token = portal_password_tokens.make_token(login)
    send_mail(
        _("Corporate Billing Portal: set a new password for %(user_id)s")
        % {"user_id": login.user_id},
        render_to_string(
            "corp_portal/email/password_reset.txt",
            {"portal_login": login, "reset_url": reset_url(login, token)},
        ),
        settings.DEFAULT_FROM_EMAIL,
        [login.holder.email],
    )
    activity_record(
        actor=None,
        account=login.account,
        action="portal_password_reset_sent",
        summary=f"Password reset link for portal User ID {login.user_id} emailed to the holder",
    )
    return True


def portal_password_reset_login(*, login_id: int, token: str) -> PortalLogin | None:
    """The login a reset link is for, if its token is still good (not expired, not used)."""
    login = PortalLogin.objects.select_related("holder", "account").filter(pk=login_id).first()
    if login is None or not portal_password_tokens.check_token(login, token):
        return None
    return login


def portal_password_kept(portal_login: PortalLogin) -> bool:
    """Whether a new password for this login is shown as set but not kept: the sample
    portal password of the default seat of an open sandbox stays, so that every trainer's
    demonstration signs in with it (`Seat.keeps_sample_credentials`)."""
    return portal_login.seat.keeps_sample_credentials


@sensitive_variables("password")
def portal_password_set(*, portal_login: PortalLogin, token: str, password: str) -> PortalLogin:
    """Set a new portal password from a reset link: the token is checked again under a row
    lock (two tabs cannot both use it), the lockout is cleared, the link stops working.

    Where the sample password is kept (`portal_password_kept`), everything happens but the
    new password: the lockout is cleared, the activity says the password was kept, and the
    link keeps working (it is signed from the password, which did not change)."""
    with transaction.atomic():
        login = (
            PortalLogin.objects.select_for_update(of=("self",)).filter(pk=portal_login.pk).first()
        )
        if login is None or not portal_password_tokens.check_token(login, token):
            raise ValidationError(
                _("This link to set a new password has expired or was already used."), code="token"
            )
        kept = portal_password_kept(login)
        if not kept:
            login.set_password(password)
        login.failed_attempts = 0
        login.locked_until = None
        login.save(update_fields=["password", "failed_attempts", "locked_until"])
        if kept:
            activity_record(
                actor=portal_login.holder,
                account=portal_login.account,
                action="portal_password_kept",
                summary=f"A new password for portal User ID {login.user_id} was shown as set; "
                "the default seat keeps the sample password",
            )
        else:
            activity_record(
                actor=portal_login.holder,
                account=portal_login.account,
                action="portal_password_set",
                summary=f"New password set for portal User ID {login.user_id} from a reset link",
            )
        return login


# Quotes ---------------------------------------------------------------------------------


def add_seats_refusal(*, subscription: Subscription) -> Quote | None:
    """Add Seats waits while a quote is open: the open quote on the subscription (the page
    says so and links to it), or None when seats can be added.

    A quote prices more seats on the subscription; ordering seats beside it would leave the
    representative's quote counting from the wrong quantity, so the contact answers it first.
    """
    return (
        Quote.objects.filter(subscription_id=subscription.pk, status=Quote.Status.OPEN)
        .order_by("issued_on", "id")
        .first()
    )


@transaction.atomic
def quote_decide(*, portal_login: PortalLogin, quote_id: int, accept: bool) -> Quote:
    """Accept or reject an open quote of the portal login's account (another account's quote
    is not found). Only an open quote is answered, once; the answer is recorded."""
    quote = (
        Quote.objects.select_for_update(of=("self",))
        .select_related("subscription__product")
        .filter(pk=quote_id, account_id=portal_login.account_id)
        .first()
    )
    if quote is None:
        raise Quote.DoesNotExist
    if not quote.is_open:
        raise ValidationError(
            _("Quote %(number)s was already answered: %(status)s."),
            params={"number": quote.number, "status": quote.get_status_display()},
            code="answered",
        )
    quote.status = Quote.Status.ACCEPTED if accept else Quote.Status.REJECTED
    quote.decided_at = timezone.now()
    quote.save(update_fields=["status", "decided_at"])
    activity_record(
        actor=portal_login.holder,
        account=portal_login.account,
        action="quote_accepted" if accept else "quote_rejected",
        summary=(
            f"Quote {quote.number} ({quote.seats} seats of {quote.subscription.product.name}) "
            f"{'accepted' if accept else 'rejected'} in the Corporate Billing Portal "
            f"({portal_login.user_id})"
        ),
        before={"status": Quote.Status.OPEN.value},
        after={"status": quote.status},
    )
    return quote


# Pay Now --------------------------------------------------------------------------------


def payment_amount_validate(*, invoice: Invoice, amount: Decimal) -> None:
    """A payment is more than nothing and at most the invoice's balance."""
    if amount <= 0:
        raise ValidationError(_("Enter an amount greater than zero."), code="not_positive")
    if amount > invoice.balance:
        raise ValidationError(
            _("Enter at most the balance of the invoice."),
            code="more_than_balance",
        )


@transaction.atomic
def invoice_pay(*, portal_login: PortalLogin, invoice_id: int, amount: Decimal) -> InvoicePayment:
    """Pay Now: pay all or part of an invoice of the portal login's account.

    The invoice row is locked, so two payments at once cannot both pay the same balance; the
    amount is checked against the balance read under the lock. Paid in full, the invoice is
    paid. One activity entry says what was paid and what is left."""
    invoice = (
        Invoice.objects.select_for_update(of=("self",))
        .filter(pk=invoice_id, account_id=portal_login.account_id)
        .first()
    )
    if invoice is None:
        raise Invoice.DoesNotExist
    payment_amount_validate(invoice=invoice, amount=amount)
    before = {"balance": str(invoice.balance), "status": invoice.status}
    invoice.amount_paid = invoice.amount_paid + amount
    if invoice.amount_paid >= invoice.total:
        invoice.status = Invoice.Status.PAID
    invoice.save(update_fields=["amount_paid", "status"])
    payment = InvoicePayment.objects.create(
        invoice=invoice,
        portal_login=portal_login,
        amount=amount,
        balance_after=invoice.balance,
    )
    activity_record(
        actor=portal_login.holder,
        account=portal_login.account,
        action="invoice_paid",
        summary=(
            f"{amount} {invoice.currency} paid on invoice {invoice.number} in the Corporate "
            f"Billing Portal ({portal_login.user_id}); balance {invoice.balance}"
        ),
        before=before,
        after={"balance": str(invoice.balance), "status": invoice.status},
    )
    return payment


# Account details ------------------------------------------------------------------------


def invoice_contact_add(*, portal_login: PortalLogin, name: str, email: str) -> InvoiceContact:
    """Add someone who receives the invoices; an address already listed is refused."""
    email = email.strip().lower()
    if InvoiceContact.objects.filter(account_id=portal_login.account_id, email=email).exists():
        raise ValidationError(
            _("%(email)s already receives the invoices."), params={"email": email}, code="exists"
        )
    contact = InvoiceContact.objects.create(
        account_id=portal_login.account_id, name=name.strip(), email=email
    )
    activity_record(
        actor=portal_login.holder,
        account=portal_login.account,
        action="invoice_contact_added",
        summary=f"Invoice contact {email} added in the Corporate Billing Portal",
        after={"name": contact.name, "email": email},
    )
    return contact


@transaction.atomic
def invoice_contact_remove(*, portal_login: PortalLogin, contact_id: int) -> None:
    """Remove an invoice contact of the portal login's account (another's is not found)."""
    contact = InvoiceContact.objects.filter(
        pk=contact_id, account_id=portal_login.account_id
    ).first()
    if contact is None:
        raise InvoiceContact.DoesNotExist
    contact.delete()
    activity_record(
        actor=portal_login.holder,
        account=portal_login.account,
        action="invoice_contact_removed",
        summary=f"Invoice contact {contact.email} removed in the Corporate Billing Portal",
        before={"name": contact.name, "email": contact.email},
    )


def purchase_order_add(
    *, portal_login: PortalLogin, number: str, expires_on: datetime.date, today: datetime.date
) -> PurchaseOrder:
    """Add a Purchase Order with its expiry date (today or later, and no later than the
    sandbox's clock can reach: `sandbox_last_day`; a number once)."""
    number = number.strip()
    if expires_on < today:
        raise ValidationError(
            {"expires_on": _("The expiry date cannot be in the past.")}, code="past"
        )
    last = sandbox_last_day()
    if expires_on > last:
        raise ValidationError(
            {
                "expires_on": _("The expiry date cannot be later than %(last)s.")
                % {"last": format_day(last)}
            },
            code="too_late",
        )
    if PurchaseOrder.objects.filter(account_id=portal_login.account_id, number=number).exists():
        raise ValidationError(
            {"number": _("This Purchase Order is already on file.")}, code="exists"
        )
    order = PurchaseOrder.objects.create(
        account_id=portal_login.account_id, number=number, expires_on=expires_on
    )
    activity_record(
        actor=portal_login.holder,
        account=portal_login.account,
        action="purchase_order_added",
        summary=f"Purchase Order {number} (expires {expires_on}) added in the portal",
        after={"number": number, "expires_on": str(expires_on)},
    )
    return order


def auto_renewal_of(subscription: Subscription) -> bool:
    """Whether the subscription renews by itself (on unless turned off in the portal)."""
    setting = AutoRenewal.objects.filter(subscription_id=subscription.pk).first()
    return setting is None or setting.enabled


@transaction.atomic
def auto_renewal_set(
    *,
    portal_login: PortalLogin,
    subscription_id: int,
    enabled: bool,
    reason: str = "",
    note: str = "",
) -> AutoRenewal:
    """Turn a subscription's auto-renewal on or off. Off needs a reason (one of
    RenewalOffReason, and an optional comment), recorded with it; on clears the reason."""
    subscription = (
        Subscription.objects.select_for_update(of=("self",))
        .select_related("product")
        .filter(pk=subscription_id, account_id=portal_login.account_id)
        .first()
    )
    if subscription is None:
        raise Subscription.DoesNotExist
    if not enabled and reason not in RenewalOffReason.values:
        raise ValidationError({"reason": _("Choose why you turn auto-renewal off.")}, code="reason")
    setting, _created = AutoRenewal.objects.get_or_create(subscription=subscription)
    before = {"enabled": setting.enabled, "reason": setting.reason, "note": setting.note}
    setting.enabled = enabled
    setting.reason = "" if enabled else reason
    setting.note = "" if enabled else note.strip()
    setting.save()
    activity_record(
        actor=portal_login.holder,
        account=portal_login.account,
        action="auto_renewal_on" if enabled else "auto_renewal_off",
        summary=(
            f"Auto-renewal of {subscription.product.name} turned {'on' if enabled else 'off'} "
            f"in the Corporate Billing Portal ({portal_login.user_id})"
        ),
        before=before,
        after={"enabled": setting.enabled, "reason": setting.reason, "note": setting.note},
    )
    return setting


# Time passing (the seat's clock, `sandbox/clock.py`): a corporate account's subscriptions renew
# on their renewal date without a charge (the portal bills them), and on the 1st of every month
# the portal issues the account's monthly invoice and emails it to the holders of its logins.


def _corporate_subscriptions():
    return Subscription.objects.filter(account__billing=Account.Billing.CORPORATE)


def corp_portal_next_event(*, after: datetime.date) -> datetime.date | None:
    """The first day after `after` when the portal has something to do: the 1st of next
    month (the monthly invoice), or a corporate subscription's renewal date before it."""
    first_of_next_month = month_start(after, -1)
    renewal = _corporate_subscriptions().aggregate(first=Min("renewal_date"))["first"]
    if renewal is not None:
        renewal = max(renewal, after + datetime.timedelta(days=1))
        return min(renewal, first_of_next_month)
    return first_of_next_month


@transaction.atomic(savepoint=False)  # the clock passes many days in one move
def corp_portal_day_pass(*, day: datetime.date) -> list[Invoice]:
    """What `day` brings to the portal: corporate subscriptions whose renewal date has come
    renew (nothing is charged now: the monthly invoice bills them), then, on the 1st, every
    corporate account gets its monthly invoice (`portal_invoice_issue`). Returns the invoices
    issued."""
    due = (
        _corporate_subscriptions()
        .filter(renewal_date__lte=day)
        .select_related("account", "product")
    )
    for subscription in due.order_by("renewal_date", "id"):
        subscription_renew(subscription=subscription)
    if day.day != 1:
        return []
    accounts = Account.objects.filter(billing=Account.Billing.CORPORATE).order_by("pk")
    issued = [portal_invoice_issue(account=account, issued_on=day) for account in accounts]
    return [invoice for invoice in issued if invoice is not None]


def _invoice_number(account: Account, issued_on: datetime.date) -> str:
    """The account's numbering continued (GLX-202612 after GLX-202611), one number a month."""
    last = Invoice.objects.filter(account=account).order_by("-issued_on", "-id").first()
    prefix = last.number.rsplit("-", 1)[0] if last else f"CB{account.pk}"
    return f"{prefix}-{issued_on:%Y%m}"


def portal_invoice_issue(*, account: Account, issued_on: datetime.date) -> Invoice | None:
    """The monthly invoice issued on `issued_on` (a 1st): every monthly subscription for the
    month, and each annual one whose year starts in it (`invoicing.invoice_lines`). It is open,
    due in 30 days; the older open invoices are paid (Globex pays on its terms). Emailed to
    the holder of each of the account's portal logins, with the User ID. None when the
    month's invoice exists already."""
    number = _invoice_number(account, issued_on)
    if Invoice.objects.filter(number=number).exists():
        return None
    next_month = month_start(issued_on, -1)
    subscriptions = list(account.subscriptions.select_related("product", "plan_tier"))
    Invoice.objects.filter(account=account, status=Invoice.Status.OPEN).update(
        status=Invoice.Status.PAID
    )
    invoice = monthly_invoice(
        account=account,
        number=number,
        issued_on=issued_on,
        next_month=next_month,
        status=Invoice.Status.OPEN,
    )
    lines = invoice_lines(invoice, subscriptions, portal_prices(account, subscriptions), next_month)
    invoice.total = sum((line.amount for line in lines), Decimal("0.00"))
    invoice.save()
    InvoiceLine.objects.bulk_create(lines)
    for login in PortalLogin.objects.filter(account=account).select_related("holder"):
        invoice_email_send(invoice=invoice, portal_login=login)
    return invoice
