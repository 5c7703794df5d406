"""The shared domain of the article: people, customer accounts, their roles and products."""

from decimal import Decimal

from django.contrib.auth.hashers import acheck_password, check_password
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from seats.prepared import PreparedRead
from seats.scope import SeatField, SeatScopedManager, SeatScopedModel

from .hashers import is_public_password_hash

# The most licenses one subscription may hold: large enough for any customer, small enough
# that a typo (or a hostile form) cannot produce an absurd order.
MAX_LICENSES = 10_000


class Account(SeatScopedModel):
    """A customer's GoToAssist account: who pays, in which currency, and where it is billed.

    A *standard* account is billed online in the Billing Center; a *corporate* one is managed
    in the Corporate Billing Portal, with credentials of its own.
    """

    class Billing(models.TextChoices):
        STANDARD = "standard", _("Standard (billed online in the Billing Center)")
        CORPORATE = "corporate", _("Managed in the Corporate Billing Portal")

    class Currency(models.TextChoices):
        USD = "USD", "USD"
        EUR = "EUR", "EUR"
        BRL = "BRL", "BRL"

    name = models.CharField(_("name"), max_length=120)
    billing = models.CharField(
        _("billing"), max_length=20, choices=Billing.choices, default=Billing.STANDARD
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.USD
    )

    class Meta:
        verbose_name = _("account")
        verbose_name_plural = _("accounts")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["seat", "name"], name="unique_account_name_in_seat")
        ]

    def __str__(self):
        return self.name

    @property
    def is_corporate_billing(self) -> bool:
        return self.billing == self.Billing.CORPORATE


class UserQuerySet(models.QuerySet):
    def account_admins(self):
        return self.filter(is_account_admin=True)


class UserManager(SeatScopedManager, BaseUserManager.from_queryset(UserQuerySet)):
    """Users sign in with their email address (their LogMeIn ID), not a username, and exist in
    one seat: the same LogMeIn ID is a different person in every seat."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person with a LogMeIn ID: an email address and a password.

    A member of a customer account is an agent (a standard user) unless marked as one of its
    account admins. At most one account admin is the account's billing admin (the billing
    contact): the only one who may change its plan, payment and billing information.
    """

    seat = SeatField()

    username = None
    # Unique within a seat (the constraint below): every seat has its own Ana.
    email = models.EmailField(_("email address"))
    account = models.ForeignKey(
        Account,
        verbose_name=_("account"),
        # RESTRICT, not PROTECT: an account with people cannot be deleted on its own, but
        # deleting a seat deletes both.
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="users",
    )
    is_account_admin = models.BooleanField(_("account admin"), default=False)
    is_billing_admin = models.BooleanField(
        _("billing admin"),
        default=False,
        help_text=_("The billing contact: one of the account's account admins, at most one."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        # Every query of the account's rows names the seat too: with the seat's index alone,
        # SQLite reads a large seat (the default one, after a day of classes) whole for one
        # account's rows. The same index on each table read by account and seat.
        indexes = [models.Index(fields=["account", "seat"], name="user_account_seat")]
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name", "email"]
        constraints = [
            models.UniqueConstraint(fields=["seat", "email"], name="unique_email_in_seat"),
            models.UniqueConstraint(
                fields=["account"],
                condition=Q(is_billing_admin=True),
                name="one_billing_admin_per_account",
                violation_error_message=_("This account already has a billing admin."),
            ),
            models.CheckConstraint(
                condition=Q(is_billing_admin=False) | Q(is_account_admin=True),
                name="billing_admin_is_account_admin",
                violation_error_message=_("The billing admin must be one of the account admins."),
            ),
            models.CheckConstraint(
                condition=Q(is_account_admin=False) | Q(account__isnull=False),
                name="account_admin_has_account",
                violation_error_message=_("An account admin must belong to an account."),
            ),
        ]

    def __str__(self):
        return self.get_full_name() or self.email

    def check_password(self, raw_password):
        """Whether `raw_password` is this person's password.

        A persona's public password (`accounts.hashers`) is checked as it is stored: Django
        would otherwise re-hash it with the default hasher on the first good sign-in (its
        "upgrade"), and every later sign-in of that persona would cost a second of CPU. Any
        other password is checked, and upgraded when its hasher is outdated, as Django does.
        A password the person sets goes through `set_password`, hence the default hasher.
        """
        if is_public_password_hash(self.password):
            return check_password(raw_password, self.password)
        return super().check_password(raw_password)

    async def acheck_password(self, raw_password):
        """`check_password` for async code (Django's `aauthenticate`)."""
        if is_public_password_hash(self.password):
            return await acheck_password(raw_password, self.password)
        return await super().acheck_password(raw_password)

    def clean(self):
        super().clean()
        if self.is_account_admin and self.account_id is None:
            raise ValidationError({"account": _("An account admin must belong to an account.")})
        if self.is_billing_admin and not self.is_account_admin:
            raise ValidationError(
                {"is_billing_admin": _("The billing admin must be one of the account admins.")}
            )
        if self.is_billing_admin and self.account.is_corporate_billing:
            raise ValidationError(
                {
                    "is_billing_admin": _(
                        "This account is managed in the Corporate Billing Portal: its billing "
                        "admin is whoever can sign in there."
                    )
                }
            )

    @property
    def roles(self) -> list[str]:
        """The person's roles in the article's words, most privileged first."""
        return self.role_labels()

    def role_labels(self, *, show_billing_admin: bool = True) -> list[str]:
        """The roles; without "billing admin" for a viewer who may not see who the billing
        contact is (`accounts.decisions.can_see_billing_contact`)."""
        if self.account_id is None:
            return [str(_("sandbox staff"))] if self.is_staff else []
        roles = []
        if self.is_account_admin:
            roles.append(str(_("account admin")))
        if self.is_billing_admin and show_billing_admin:
            roles.append(str(_("billing admin")))
        return roles or [str(_("agent (standard user)"))]


class Product(models.Model):
    """A LogMeIn product an account subscribes to. Product names are proper nouns."""

    code = models.SlugField(_("code"), unique=True)
    name = models.CharField(_("name"), max_length=80)
    license_unit = models.CharField(
        _("license unit"), max_length=40, help_text=_("What one license is for: agent, organizer.")
    )
    license_unit_plural = models.CharField(
        _("license unit, plural"),
        max_length=40,
        blank=True,
        help_text=_("Several licenses, as the Add button names them: Agents, Organizers."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    # The Billing Center's button for more licenses, in the product's word: Add Agents.
    # Translators: %(units)s is the product's word for several licenses: Agents, Organizers.
    ADD_LICENSES = _("Add %(units)s")

    @property
    def add_licenses_label(self) -> str:
        return self.add_licenses_label_from(str(self.ADD_LICENSES))

    def add_licenses_label_from(self, translated: str) -> str:
        """The label from `ADD_LICENSES` translated once for a whole page of products."""
        return translated % {"units": self.license_unit_plural or self.license_unit}

    @property
    def logo_path(self) -> str:
        """The product's logo, drawn for the sandbox, under static/."""
        return f"img/products/{self.code}.svg"


class BillingFrequency(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    ANNUAL = "annual", _("Annual")


class PlanTier(models.Model):
    """A plan of a product (Standard, Premium...). Its name is translated."""

    product = models.ForeignKey(
        Product, verbose_name=_("product"), on_delete=models.CASCADE, related_name="plan_tiers"
    )
    code = models.SlugField(_("code"))
    name = models.CharField(_("name"), max_length=80)
    rank = models.PositiveSmallIntegerField(_("rank"), default=0)

    class Meta:
        verbose_name = _("plan tier")
        verbose_name_plural = _("plan tiers")
        ordering = ["product__sort_order", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["product", "code"], name="unique_plan_tier_code"),
        ]

    def __str__(self):
        return f"{self.product} {self.name}"


class PlanPrice(models.Model):
    """The price of one license of a plan tier, per billing period, in one currency."""

    plan_tier = models.ForeignKey(
        PlanTier, verbose_name=_("plan tier"), on_delete=models.CASCADE, related_name="prices"
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Account.Currency.choices)
    billing_frequency = models.CharField(
        _("billing frequency"), max_length=10, choices=BillingFrequency.choices
    )
    amount = models.DecimalField(
        _("price per license"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.00"))],
    )

    class Meta:
        verbose_name = _("plan price")
        verbose_name_plural = _("plan prices")
        constraints = [
            models.UniqueConstraint(
                fields=["plan_tier", "currency", "billing_frequency"], name="unique_plan_price"
            ),
        ]

    def __str__(self):
        return f"{self.plan_tier} {self.billing_frequency} {self.amount} {self.currency}"


class SubscriptionQuerySet(models.QuerySet):
    def with_prices(self):
        """Subscriptions with their product, plan and price per license, in one query."""
        price = PlanPrice.objects.filter(
            plan_tier=OuterRef("plan_tier"),
            currency=OuterRef("account__currency"),
            billing_frequency=OuterRef("billing_frequency"),
        ).values("amount")[:1]
        return self.select_related("account", "product", "plan_tier").annotate(
            price_per_license=Subquery(price)
        )


class SubscriptionManager(SeatScopedManager.from_queryset(SubscriptionQuerySet)):
    @cached_property
    def _with_prices(self):
        return super().get_queryset().with_prices().order_by()

    def with_prices(self):
        """The seat's subscriptions `with_prices()`: the query is built once a process (the
        ORM spent about half a millisecond of every page building its price subquery again)
        and each call answers a fresh copy of it, never evaluated. Whose subscriptions it reads
        is decided when it runs (the seat of `seats.scope.CurrentSeatId`), as for any
        queryset made in advance.

        Unordered: most callers read one subscription or a handful by key, and ORDER BY the
        product's order cost the ORM a fifth of the query at every compile. A list shown in
        order sorts by `Subscription.order_key` or asks `order_by(*Subscription._meta.ordering)`."""
        return self._with_prices.all()

    def priced_of(self, account_id) -> list["Subscription"]:
        """`with_prices().filter(account=account_id)`, as a list: an account's subscriptions,
        which most pages of the Billing Center read, their SQL compiled once a process
        (seats.prepared). Unordered, as `with_prices()`."""
        return _priced_of(account_id)

    def priced(self, account_id, pk) -> "Subscription | None":
        """The account's subscription `pk` `with_prices()`, None when the account has none of
        that key (a page of one subscription: Add Agents)."""
        return _priced.first(account_id, pk)


class Subscription(SeatScopedModel):
    """An account's subscription to one product: plan tier, licenses, frequency, renewal."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        PENDING_CANCELLATION = "pending_cancellation", _("Pending cancellation")
        TRIAL = "trial", _("Free trial")

    account = models.ForeignKey(
        Account, verbose_name=_("account"), on_delete=models.CASCADE, related_name="subscriptions"
    )
    product = models.ForeignKey(Product, verbose_name=_("product"), on_delete=models.PROTECT)
    plan_tier = models.ForeignKey(PlanTier, verbose_name=_("plan tier"), on_delete=models.PROTECT)
    licenses = models.PositiveIntegerField(
        _("licenses"), validators=[MinValueValidator(1), MaxValueValidator(MAX_LICENSES)]
    )
    billing_frequency = models.CharField(
        _("billing frequency"), max_length=10, choices=BillingFrequency.choices
    )
    renewal_date = models.DateField(_("renewal date"))
    status = models.CharField(
        _("status"), max_length=30, choices=Status.choices, default=Status.ACTIVE
    )

    objects = SubscriptionManager()

    class Meta:
        indexes = [models.Index(fields=["account", "seat"], name="subscription_account_seat")]
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        ordering = ["product__sort_order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["account", "product"], name="one_subscription_per_product"
            ),
            models.CheckConstraint(
                condition=Q(licenses__gte=1) & Q(licenses__lte=MAX_LICENSES),
                name="subscription_licenses_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.account}: {self.product}"

    def order_key(self) -> tuple:
        """Meta.ordering's place (the product's order, then the id), for rows sorted in Python."""
        return (self.product.sort_order, self.pk)

    @property
    def total(self) -> Decimal | None:
        """Price per license x licenses, for a subscription read `with_prices()`."""
        price = getattr(self, "price_per_license", None)
        return None if price is None else price * self.licenses

    def clean(self):
        super().clean()
        if self.plan_tier_id and self.product_id and self.plan_tier.product_id != self.product_id:
            raise ValidationError({"plan_tier": _("This plan tier belongs to another product.")})


class Activity(SeatScopedModel):
    """A write that matters (an order, a plan change, a reset): who, when, what, before, after."""

    account = models.ForeignKey(
        Account,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="activities",
    )
    actor = models.ForeignKey(
        User, verbose_name=_("who"), on_delete=models.SET_NULL, null=True, blank=True
    )
    actor_label = models.CharField(_("who"), max_length=200, blank=True)
    action = models.CharField(_("action"), max_length=60)
    summary = models.CharField(_("what"), max_length=300)
    before = models.JSONField(_("before"), default=dict, blank=True)
    after = models.JSONField(_("after"), default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["account", "seat"], name="activity_account_seat")]
        verbose_name = _("activity")
        verbose_name_plural = _("activity")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label}: {self.summary}"


class PlacedOrder(SeatScopedModel):
    """An order summary that was placed: the key issued with the reviewed summary, once.

    Every write that takes money or seats (the Billing Center's Place Order, the portal's
    place service order) claims its summary's key inside its locked transaction. The key is
    unique, so a resubmission (Back then Place Order, a double click, two tabs) finds the
    order already placed instead of placing it again.
    """

    key = models.UUIDField(_("order key"), unique=True, editable=False)
    account = models.ForeignKey(
        Account, verbose_name=_("account"), on_delete=models.CASCADE, related_name="placed_orders"
    )
    subscription = models.ForeignKey(
        Subscription,
        verbose_name=_("subscription"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="placed_orders",
    )
    # What the center issued for it: the Billing Center's invoice number, the portal's
    # service order number.
    reference = models.CharField(_("order number"), max_length=40, blank=True)
    placed_at = models.DateTimeField(_("placed"), auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["account", "seat"], name="placedorder_account_seat")]
        verbose_name = _("placed order")
        verbose_name_plural = _("placed orders")
        ordering = ["-placed_at", "-id"]

    def __str__(self):
        return self.reference or str(self.key)


_priced_of = PreparedRead(
    lambda account_id: Subscription.objects.with_prices().filter(account=account_id),
    Subscription._meta.get_field("account"),
)
_priced = PreparedRead(
    lambda account_id, pk: Subscription.objects.with_prices().filter(account=account_id, pk=pk),
    Subscription._meta.get_field("account"),
    Subscription._meta.pk,
)
