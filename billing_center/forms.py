"""The billing admin's forms. Every field rejects bad input with a translated message."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from accounts.clock import sandbox_today
from accounts.forms import AddressFormMixin, WholeNumberField
from accounts.models import MAX_LICENSES, BillingFrequency, PlanTier
from accounts.services import REVIEW_AGAIN, licenses_limit_check
from accounts.validators import ascii_digits, no_markup

from .cards import luhn_valid
from .models import BillingInfo


class LicensesField(WholeNumberField):
    """A number of licenses on one subscription, 1 to `MAX_LICENSES`: what Add Licenses and Add
    New Subscription ask for, with the same limits, messages and number input."""

    def __init__(self, *, required_message, **kwargs):
        super().__init__(
            validators=[MinValueValidator(1), MaxValueValidator(MAX_LICENSES)],
            error_messages={
                "required": required_message,
                "min_value": _("Enter a number of licenses of at least 1."),
                "max_value": _("A subscription can hold at most %(limit_value)s licenses."),
            },
            widget=forms.NumberInput(attrs={"min": 1, "max": MAX_LICENSES, "inputmode": "numeric"}),
            **kwargs,
        )


class AddLicensesForm(forms.Form):
    quantity = LicensesField(
        label=_("Licenses to add"), required_message=_("Enter how many licenses to add.")
    )

    def __init__(self, *args, subscription, **kwargs):
        super().__init__(*args, **kwargs)
        self.subscription = subscription

    def clean_quantity(self):
        quantity = self.cleaned_data["quantity"]
        licenses_limit_check(licenses_after=self.subscription.licenses + quantity)
        return quantity


class PlanTierChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, plan_tier):
        return f"{plan_tier.product.name} · {plan_tier.name}"


class NewSubscriptionForm(forms.Form):
    """Add New Subscription: another product, bought or tried (`mode`, the button pressed)."""

    BUY, TRY = "buy", "try"

    plan_tier = PlanTierChoiceField(
        label=_("Product and plan tier"),
        queryset=PlanTier.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": _("Choose one of the products you can add.")},
    )
    billing_frequency = forms.ChoiceField(
        label=_("Billing frequency"),
        choices=BillingFrequency.choices,
        error_messages={"invalid_choice": _("Choose a billing frequency.")},
    )
    licenses = LicensesField(label=_("Licenses"), required_message=_("Enter how many licenses."))
    mode = forms.ChoiceField(
        choices=[(BUY, _("Buy")), (TRY, _("Try it free"))],
        widget=forms.HiddenInput,
        initial=BUY,
        error_messages={"invalid_choice": _("Choose to buy or to try the product.")},
    )

    def __init__(self, *args, plan_tiers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan_tier"].queryset = plan_tiers


class EditSubscriptionForm(forms.Form):
    plan_tier = forms.ModelChoiceField(
        label=_("Plan tier"),
        queryset=PlanTier.objects.none(),
        empty_label=None,
        help_text=_("A higher plan tier is yours to choose; Customer Care makes downgrades."),
        error_messages={"invalid_choice": _("Choose one of the plan tiers of this product.")},
    )
    billing_frequency = forms.ChoiceField(
        label=_("Billing frequency"),
        choices=BillingFrequency.choices,
        error_messages={"invalid_choice": _("Choose a billing frequency.")},
    )

    def __init__(self, *args, subscription, **kwargs):
        # The subscription's plan and frequency, unless the caller gives others.
        kwargs["initial"] = {
            "plan_tier": subscription.plan_tier_id,
            "billing_frequency": subscription.billing_frequency,
            **(kwargs.get("initial") or {}),
        }
        super().__init__(*args, **kwargs)
        self.subscription = subscription
        self.fields["plan_tier"].queryset = PlanTier.objects.filter(product=subscription.product_id)

    def clean(self):
        cleaned = super().clean()
        plan_tier = cleaned.get("plan_tier")
        frequency = cleaned.get("billing_frequency")
        if (
            plan_tier
            and frequency
            and plan_tier.pk == self.subscription.plan_tier_id
            and frequency == self.subscription.billing_frequency
        ):
            raise ValidationError(_("Choose a different plan tier or billing frequency."))
        return cleaned


class PaymentMethodForm(forms.Form):
    """A new card. The number and the security code are checked, then forgotten."""

    cardholder = forms.CharField(
        label=_("Name on card"),
        max_length=80,
        validators=[no_markup],
        widget=forms.TextInput(attrs={"autocomplete": "cc-name"}),
    )
    card_number = forms.CharField(
        label=_("Card number"),
        max_length=23,
        widget=forms.TextInput(attrs={"autocomplete": "cc-number", "inputmode": "numeric"}),
    )
    exp_month = WholeNumberField(
        label=_("Expiry month"),
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        error_messages={
            "min_value": _("Enter a month from 1 to 12."),
            "max_value": _("Enter a month from 1 to 12."),
        },
        widget=forms.NumberInput(attrs={"autocomplete": "cc-exp-month", "min": 1, "max": 12}),
    )
    exp_year = WholeNumberField(
        label=_("Expiry year"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        error_messages={
            "min_value": _("Enter the year with four digits."),
            "max_value": _("Enter the year with four digits."),
        },
        widget=forms.NumberInput(attrs={"autocomplete": "cc-exp-year"}),
    )
    cvc = forms.CharField(
        label=_("Security code"),
        max_length=4,
        widget=forms.PasswordInput(attrs={"autocomplete": "cc-csc", "inputmode": "numeric"}),
    )

    def clean_card_number(self):
        number = re.sub(r"[\s-]", "", self.cleaned_data["card_number"])
        ascii_digits(number)
        if not 12 <= len(number) <= 19 or not luhn_valid(number):
            raise ValidationError(_("Enter a valid card number."))
        return number

    def clean_cvc(self):
        cvc = self.cleaned_data["cvc"].strip()
        ascii_digits(cvc)
        if not 3 <= len(cvc) <= 4:
            raise ValidationError(_("Enter the 3 or 4 digits of the security code."))
        return cvc

    def clean(self):
        cleaned = super().clean()
        month, year = cleaned.get("exp_month"), cleaned.get("exp_year")
        if month and year:
            today = sandbox_today()
            if (year, month) < (today.year, today.month):
                self.add_error("exp_month", _("This card has expired."))
        return cleaned


VAT_NUMBER = re.compile(r"[A-Z0-9]{4,18}", re.ASCII)


class BillingInfoForm(AddressFormMixin, forms.ModelForm):
    """The billing address (one address rule with the portal's Bill To) and the VAT number."""

    class Meta:
        model = BillingInfo
        fields = BillingInfo.EDITABLE_FIELDS
        help_texts = {"vat_number": _("Letters and digits, for example DE123456789.")}

    def clean_vat_number(self):
        value = re.sub(r"[\s.-]", "", self.cleaned_data["vat_number"]).upper()
        if value and not VAT_NUMBER.fullmatch(value):
            raise ValidationError(_("Enter a valid VAT number: 4 to 18 letters and digits."))
        return value


class CheckoutForm(forms.Form):
    """Place Order on the checkout: the key of the cart it showed and its lines as shown
    (`cart.reviewed_lines`), so that what is placed is what was reviewed, and a resubmission
    is recognised by its key even after the cart was emptied."""

    order_key = forms.UUIDField(
        widget=forms.HiddenInput, error_messages={"required": REVIEW_AGAIN, "invalid": REVIEW_AGAIN}
    )
    lines = forms.CharField(
        widget=forms.HiddenInput, max_length=2000, error_messages={"required": REVIEW_AGAIN}
    )
