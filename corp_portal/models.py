"""The Corporate Billing Portal: its own credentials, the invoices it emails, seats and billing."""

from decimal import Decimal

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError
from django.core.validators import MinLengthValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_variables

from accounts.models import Account, BillingFrequency, PlanTier, Subscription
from accounts.validators import Country, ascii_digits, validate_postal_code
from seats.scope import SeatScopedModel

# Lockout: this many wrong passwords in a row lock a User ID for LOCKOUT_MINUTES.
MAX_FAILED_ATTEMPTS = 5
LOCKOUT_MINUTES = 15


class PortalLogin(SeatScopedModel):
    """A User ID and password of the Corporate Billing Portal (not a LogMeIn ID).

    The User ID is printed on every invoice the portal emails. Whoever holds a login of a
    corporate account can sign in to the portal, and so is its billing admin (BC-2c, AC-3c).
    """

    user_id = models.CharField(
        _("User ID"),
        max_length=40,
        validators=[RegexValidator(r"^[A-Z0-9][A-Z0-9-]*$", _("Capital letters, digits and -."))],
    )
    password = models.CharField(_("password"), max_length=128)
    account = models.ForeignKey(
        Account,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="portal_logins",
        limit_choices_to={"billing": Account.Billing.CORPORATE},
    )
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("holder"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="portal_logins",
        help_text=_("The person the User ID was given to; the invoices are emailed to them."),
    )
    failed_attempts = models.PositiveSmallIntegerField(_("failed sign-ins in a row"), default=0)
    locked_until = models.DateTimeField(_("locked until"), null=True, blank=True)
    last_sign_in_at = models.DateTimeField(_("last sign-in"), null=True, blank=True)

    class Meta:
        verbose_name = _("portal login")
        verbose_name_plural = _("portal logins")
        ordering = ["user_id"]
        constraints = [
            models.UniqueConstraint(fields=["seat", "user_id"], name="unique_user_id_in_seat")
        ]

    def __str__(self):
        return self.user_id

    def clean(self):
        super().clean()
        if self.account_id and not self.account.is_corporate_billing:
            raise ValidationError(
                {"account": _("Only accounts managed in the portal have portal logins.")}
            )
        if self.holder_id and self.holder.account_id != self.account_id:
            raise ValidationError(
                {"holder": _("The holder must be a member of the account (its organization).")}
            )

    @sensitive_variables("raw_password")
    def set_password(self, raw_password: str) -> None:
        self.password = make_password(raw_password)

    @sensitive_variables("raw_password")
    def check_password(self, raw_password: str) -> bool:
        return check_password(raw_password, self.password)

    def is_locked(self, now=None) -> bool:
        now = now or timezone.now()
        return self.locked_until is not None and self.locked_until > now


class Invoice(SeatScopedModel):
    """A monthly invoice of a corporate account, as the portal lists and emails it."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        PAID = "paid", _("Paid")

    account = models.ForeignKey(
        Account, verbose_name=_("account"), on_delete=models.CASCADE, related_name="portal_invoices"
    )
    number = models.CharField(_("invoice number"), max_length=40)
    issued_on = models.DateField(_("invoice date"))
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    due_on = models.DateField(_("due date"))
    currency = models.CharField(_("currency"), max_length=3, choices=Account.Currency.choices)
    total = models.DecimalField(_("total"), max_digits=12, decimal_places=2)
    amount_paid = models.DecimalField(
        _("amount paid online"), max_digits=12, decimal_places=2, default=Decimal("0.00")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)

    class Meta:
        indexes = [models.Index(fields=["account", "seat"], name="portal_invoice_account_seat")]
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["seat", "number"], name="unique_portal_invoice_number_in_seat"
            )
        ]

    def __str__(self):
        return self.number

    @property
    def balance(self) -> Decimal:
        """What is still due: nothing on a paid invoice, else the total less what Pay Now paid."""
        if self.status == self.Status.PAID:
            return Decimal("0.00")
        return self.total - self.amount_paid


class InvoiceLine(SeatScopedModel):
    """One line of an invoice: a product's seats for one billing period of its plan.

    A monthly subscription is on every monthly invoice; an annual one on the invoice of the
    month its year starts, at the annual price, with that year as its period. The plan tier
    is kept (not its name), so the line reads in the page's language.
    """

    invoice = models.ForeignKey(
        Invoice, verbose_name=_("invoice"), on_delete=models.CASCADE, related_name="lines"
    )
    description = models.CharField(
        _("description"),
        max_length=200,
        blank=True,
        help_text=_("Only for a line that is no plan's seats; a plan's line names its plan."),
    )
    plan_tier = models.ForeignKey(
        PlanTier,
        verbose_name=_("plan tier"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    billing_frequency = models.CharField(
        _("billing frequency"), max_length=10, choices=BillingFrequency.choices, blank=True
    )
    period_start = models.DateField(_("period start"), null=True, blank=True)
    period_end = models.DateField(_("period end"), null=True, blank=True)
    quantity = models.PositiveIntegerField(_("quantity"))
    unit_price = models.DecimalField(_("unit price"), max_digits=10, decimal_places=2)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("invoice line")
        verbose_name_plural = _("invoice lines")
        ordering = ["id"]

    def __str__(self):
        return self.description or str(self.plan_tier)


class BillTo(SeatScopedModel):
    """Where a corporate account's invoices are addressed. The country is set by the contract:
    the real portal does not let you change it, nor does the sandbox."""

    # What the holder edits on the Bill To page (and the activity log records); not the country.
    EDITABLE_FIELDS = [
        "company_name",
        "attention",
        "street",
        "city",
        "region",
        "postal_code",
        "phone",
        "email",
    ]

    account = models.OneToOneField(
        Account, verbose_name=_("account"), on_delete=models.CASCADE, related_name="bill_to"
    )
    company_name = models.CharField(_("company name"), max_length=120)
    attention = models.CharField(_("attention"), max_length=120, blank=True)
    street = models.CharField(_("street address"), max_length=200)
    city = models.CharField(_("city"), max_length=80)
    region = models.CharField(_("state or province"), max_length=80, blank=True)
    postal_code = models.CharField(
        _("postal code"),
        max_length=12,
        validators=[validate_postal_code],
    )
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    phone = models.CharField(
        _("phone number"),
        max_length=30,
        blank=True,
        validators=[RegexValidator(r"^\+?[0-9 ()./-]{6,30}$", _("Digits, spaces and + ( ) - . /"))],
    )
    email = models.EmailField(_("invoice email address"))

    class Meta:
        verbose_name = _("Bill To")
        verbose_name_plural = _("Bill To addresses")

    def __str__(self):
        return f"{self.company_name}, {self.city}"


class PaymentProfile(SeatScopedModel):
    """How a corporate account pays its invoices: against invoice, by wire transfer, by card."""

    class PaymentType(models.TextChoices):
        INVOICE = "invoice", _("Invoice (pay by bank transfer on receipt)")
        WIRE_TRANSFER = "wire_transfer", _("Wire transfer")
        CARD = "card", _("Credit card")

    account = models.OneToOneField(
        Account,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="payment_profile",
    )
    payment_type = models.CharField(_("payment type"), max_length=20, choices=PaymentType.choices)
    payment_terms_days = models.PositiveSmallIntegerField(_("payment terms (days)"), default=30)
    card_brand = models.CharField(_("card brand"), max_length=20, blank=True)
    card_last4 = models.CharField(
        _("card last four digits"),
        max_length=4,
        blank=True,
        validators=[MinLengthValidator(4), ascii_digits],
    )
    purchase_order = models.CharField(_("purchase order number"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("payment profile")
        verbose_name_plural = _("payment profiles")

    def __str__(self):
        return f"{self.account}: {self.get_payment_type_display()}"


class ServiceOrder(SeatScopedModel):
    """An Add Seats order placed in the portal: the subscription's seats before and after."""

    account = models.ForeignKey(
        Account, verbose_name=_("account"), on_delete=models.CASCADE, related_name="service_orders"
    )
    subscription = models.ForeignKey(
        Subscription,
        verbose_name=_("subscription"),
        on_delete=models.CASCADE,
        related_name="service_orders",
    )
    portal_login = models.ForeignKey(
        PortalLogin,
        verbose_name=_("User ID"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="service_orders",
    )
    seats_before = models.PositiveIntegerField(_("seats before"))
    seats_after = models.PositiveIntegerField(_("seats after"))
    price_per_seat = models.DecimalField(
        _("price per seat"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.00"))],
    )
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, choices=Account.Currency.choices)
    placed_at = models.DateTimeField(_("placed"), auto_now_add=True)

    class Meta:
        verbose_name = _("service order")
        verbose_name_plural = _("service orders")
        ordering = ["-placed_at", "-id"]

    def __str__(self):
        return self.number

    @property
    def number(self) -> str:
        return f"SO-{self.pk:06d}" if self.pk else "SO-new"

    @property
    def seats_added(self) -> int:
        return self.seats_after - self.seats_before


class InvoicePayment(SeatScopedModel):
    """A Pay Now payment of an invoice, in full or in part (no card is charged: a sandbox)."""

    invoice = models.ForeignKey(
        Invoice, verbose_name=_("invoice"), on_delete=models.CASCADE, related_name="payments"
    )
    portal_login = models.ForeignKey(
        PortalLogin,
        verbose_name=_("User ID"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    amount = models.DecimalField(
        _("amount"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    balance_after = models.DecimalField(_("balance afterwards"), max_digits=12, decimal_places=2)
    paid_at = models.DateTimeField(_("paid"), auto_now_add=True)

    class Meta:
        verbose_name = _("invoice payment")
        verbose_name_plural = _("invoice payments")
        ordering = ["-paid_at", "-id"]

    def __str__(self):
        return f"{self.invoice}: {self.amount}"


class Quote(SeatScopedModel):
    """A price quote from the account's LogMeIn representative: more seats on a subscription
    at a quoted price. The billing contact accepts or rejects it in the portal; while it is
    open, Add Seats on its subscription waits for that answer (`add_seats_refusal`)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    account = models.ForeignKey(
        Account, verbose_name=_("account"), on_delete=models.CASCADE, related_name="portal_quotes"
    )
    subscription = models.ForeignKey(
        Subscription,
        verbose_name=_("subscription"),
        on_delete=models.CASCADE,
        related_name="portal_quotes",
    )
    number = models.CharField(_("quote number"), max_length=40)
    seats = models.PositiveIntegerField(_("seats quoted"), validators=[MinValueValidator(1)])
    price_per_seat = models.DecimalField(
        _("quoted price per seat"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.00"))],
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Account.Currency.choices)
    issued_on = models.DateField(_("quote date"))
    valid_until = models.DateField(_("valid until"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    decided_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["seat", "number"], name="unique_quote_number_in_seat")
        ]

    def __str__(self):
        return self.number

    @property
    def amount(self) -> Decimal:
        return self.price_per_seat * self.seats

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_accepted(self) -> bool:
        return self.status == self.Status.ACCEPTED


class InvoiceContact(SeatScopedModel):
    """Someone else who receives the account's invoices by email."""

    account = models.ForeignKey(
        Account,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="invoice_contacts",
    )
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("email address"))

    class Meta:
        verbose_name = _("invoice contact")
        verbose_name_plural = _("invoice contacts")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["seat", "account", "email"], name="unique_invoice_contact_email"
            )
        ]

    def __str__(self):
        return f"{self.name} <{self.email}>"


class PurchaseOrder(SeatScopedModel):
    """A Purchase Order the account's invoices quote, until its expiry date."""

    account = models.ForeignKey(
        Account,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="purchase_orders",
    )
    number = models.CharField(_("Purchase Order number"), max_length=40)
    expires_on = models.DateField(_("expiry date"))

    class Meta:
        verbose_name = _("Purchase Order")
        verbose_name_plural = _("Purchase Orders")
        ordering = ["expires_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["seat", "account", "number"], name="unique_purchase_order_number"
            )
        ]

    def __str__(self):
        return self.number


class RenewalOffReason(models.TextChoices):
    """Why a billing contact turned auto-renewal off (the portal asks)."""

    TOO_EXPENSIVE = "too_expensive", _("Too expensive")
    NOT_USED = "not_used", _("We do not use it enough")
    OTHER_PRODUCT = "other_product", _("We are moving to another product")
    BUDGET = "budget", _("Budget not yet approved")
    OTHER = "other", _("Another reason")


class AutoRenewal(SeatScopedModel):
    """Whether a subscription renews by itself at its renewal date; none means it does (the
    default of a corporate contract). Turning it off records the reason."""

    subscription = models.OneToOneField(
        Subscription,
        verbose_name=_("subscription"),
        on_delete=models.CASCADE,
        related_name="auto_renewal",
    )
    enabled = models.BooleanField(_("auto-renewal"), default=True)
    reason = models.CharField(
        _("reason"), max_length=20, choices=RenewalOffReason.choices, blank=True
    )
    note = models.CharField(_("comment"), max_length=500, blank=True)
    changed_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("auto-renewal")
        verbose_name_plural = _("auto-renewals")

    def __str__(self):
        return f"{self.subscription}: {self.enabled}"
