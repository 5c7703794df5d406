"""What the Billing Center keeps besides subscriptions: the card on file, the billing address
and the invoices of every order."""

from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Account, BillingFrequency, PlanTier, Product, Subscription
from seats.scope import SeatScopedModel

# One billing period, in days, as the orders prorate it.
PERIOD_DAYS = {BillingFrequency.MONTHLY: 30, BillingFrequency.ANNUAL: 365}
CENT = Decimal("0.01")


class PaymentMethod(SeatScopedModel):
    """The account's card. Only what a real billing system may keep: brand, last four, expiry."""

    account = models.OneToOneField(
        Account, verbose_name=_("account"), on_delete=models.CASCADE, related_name="payment_method"
    )
    brand = models.CharField(_("card brand"), max_length=20)
    last4 = models.CharField(_("last four digits"), max_length=4)
    exp_month = models.PositiveSmallIntegerField(_("expiry month"))
    exp_year = models.PositiveSmallIntegerField(_("expiry year"))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("payment method")
        verbose_name_plural = _("payment methods")

    def __str__(self):
        return f"{self.brand} •••• {self.last4} ({self.exp_month:02d}/{self.exp_year})"


class BillingInfo(SeatScopedModel):
    """The billing address and VAT number printed on the account's invoices."""

    account = models.OneToOneField(
        Account, verbose_name=_("account"), on_delete=models.CASCADE, related_name="billing_info"
    )
    company_name = models.CharField(_("company name"), max_length=120)
    address_line1 = models.CharField(_("address"), max_length=120)
    address_line2 = models.CharField(_("address (line 2)"), max_length=120, blank=True)
    city = models.CharField(_("city"), max_length=80)
    postal_code = models.CharField(_("postal code"), max_length=12)
    country = models.CharField(_("country"), max_length=2)
    vat_number = models.CharField(_("VAT number"), max_length=20, blank=True)

    # What the billing admin edits on the Billing info page (and the activity log records).
    EDITABLE_FIELDS = [
        "company_name",
        "address_line1",
        "address_line2",
        "city",
        "postal_code",
        "country",
        "vat_number",
    ]

    class Meta:
        verbose_name = _("billing info")
        verbose_name_plural = _("billing info")

    def __str__(self):
        return f"{self.company_name}, {self.city}"


class Invoice(SeatScopedModel):
    """One invoice of the billing history: an order, a plan change or a renewal."""

    class Kind(models.TextChoices):
        NEW_SUBSCRIPTION = "new_subscription", _("New subscription")
        LICENSES_ADDED = "licenses_added", _("Licenses added")
        PLAN_CHANGED = "plan_changed", _("Subscription changed")
        RENEWAL = "renewal", _("Renewal")

    account = models.ForeignKey(
        Account, verbose_name=_("account"), on_delete=models.CASCADE, related_name="invoices"
    )
    number = models.CharField(_("invoice number"), max_length=40)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    issued_on = models.DateField(_("date"))
    subscription = models.ForeignKey(
        Subscription,
        verbose_name=_("subscription"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invoices",
    )
    product = models.ForeignKey(Product, verbose_name=_("product"), on_delete=models.PROTECT)
    plan_tier = models.ForeignKey(PlanTier, verbose_name=_("plan tier"), on_delete=models.PROTECT)
    billing_frequency = models.CharField(
        _("billing frequency"), max_length=10, choices=BillingFrequency.choices
    )
    quantity = models.PositiveIntegerField(_("licenses"))
    unit_price = models.DecimalField(_("price per license"), max_digits=10, decimal_places=2)
    period_start = models.DateField(_("billing period start"))
    period_end = models.DateField(_("billing period end"))
    total = models.DecimalField(
        _("total"), max_digits=12, decimal_places=2, default=Decimal("0.00")
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Account.Currency.choices)

    class Meta:
        indexes = [models.Index(fields=["account", "seat"], name="bc_invoice_account_seat")]
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["seat", "number"], name="unique_invoice_number_in_seat")
        ]

    def __str__(self):
        return self.number

    @property
    def period_days(self) -> int:
        """The days of one full billing period of the invoice's frequency."""
        return PERIOD_DAYS[self.billing_frequency]

    @property
    def days_charged(self) -> int:
        return min(max((self.period_end - self.period_start).days, 0), self.period_days)

    @property
    def is_prorated(self) -> bool:
        """Charged for part of a billing period (an order placed before the renewal date)."""
        return self.days_charged < self.period_days

    @property
    def full_amount(self) -> Decimal:
        """Price per license for a whole billing period x licenses."""
        return self.unit_price * self.quantity

    @property
    def prorated_amount(self) -> Decimal:
        """`full_amount` for the days charged only."""
        amount = self.full_amount * self.days_charged / self.period_days
        return amount.quantize(CENT, rounding=ROUND_HALF_UP)

    @property
    def credit(self) -> Decimal:
        """What a plan change deducts for the unused part of the previous plan."""
        return max(self.prorated_amount - self.total, Decimal("0.00"))
