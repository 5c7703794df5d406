"""The billing admin's forms. Every field rejects bad input with a translated message."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from accounts.clock import sandbox_today
from accounts.models import MAX_LICENSES, BillingFrequency, PlanTier
from accounts.services import licenses_limit_check

from .cards import luhn_valid
from .models import BillingInfo

MARKUP = re.compile(r"[<>{}]")


def no_markup(value: str) -> None:
    if MARKUP.search(value or ""):
        raise ValidationError(_("Enter plain text, without < > { or } characters."))


class StrictIntegerField(forms.IntegerField):
    """An integer typed as digits only: "1.5", "1e3" or "+2" are refused, not rounded."""

    default_error_messages = {"invalid": _("Enter a whole number.")}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        value = str(value).strip()
        if len(value) > 9 or not re.fullmatch(r"-?\d+", value):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return int(value)


class AddLicensesForm(forms.Form):
    quantity = StrictIntegerField(
        label=_("Licenses to add"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_LICENSES)],
        error_messages={
            "required": _("Enter how many licenses to add."),
            "min_value": _("Enter a number of licenses of at least 1."),
            "max_value": _("A subscription can hold at most %(limit_value)s licenses."),
        },
        widget=forms.NumberInput(attrs={"min": 1, "max": MAX_LICENSES, "inputmode": "numeric"}),
    )

    def __init__(self, *args, subscription, **kwargs):
        super().__init__(*args, **kwargs)
        self.subscription = subscription

    def clean_quantity(self):
        quantity = self.cleaned_data["quantity"]
        licenses_limit_check(licenses_after=self.subscription.licenses + quantity)
        return quantity


class EditSubscriptionForm(forms.Form):
    plan_tier = forms.ModelChoiceField(
        label=_("Plan tier"),
        queryset=PlanTier.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": _("Choose one of the plan tiers of this product.")},
    )
    billing_frequency = forms.ChoiceField(
        label=_("Billing frequency"),
        choices=BillingFrequency.choices,
        error_messages={"invalid_choice": _("Choose a billing frequency.")},
    )

    def __init__(self, *args, subscription, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "plan_tier": subscription.plan_tier_id,
                "billing_frequency": subscription.billing_frequency,
            },
        )
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
    exp_month = StrictIntegerField(
        label=_("Expiry month"),
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        error_messages={
            "min_value": _("Enter a month from 1 to 12."),
            "max_value": _("Enter a month from 1 to 12."),
        },
        widget=forms.NumberInput(attrs={"autocomplete": "cc-exp-month", "min": 1, "max": 12}),
    )
    exp_year = StrictIntegerField(
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
        if not number.isdigit() or not 12 <= len(number) <= 19 or not luhn_valid(number):
            raise ValidationError(_("Enter a valid card number."))
        return number

    def clean_cvc(self):
        cvc = self.cleaned_data["cvc"].strip()
        if not re.fullmatch(r"\d{3,4}", cvc):
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


COUNTRIES = [
    ("US", _("United States")),
    ("BR", _("Brazil")),
    ("ES", _("Spain")),
    ("MX", _("Mexico")),
    ("PT", _("Portugal")),
    ("DE", _("Germany")),
    ("GB", _("United Kingdom")),
]

VAT_NUMBER = re.compile(r"[A-Z0-9]{4,18}")


class BillingInfoForm(forms.ModelForm):
    country = forms.ChoiceField(
        label=_("Country"),
        choices=COUNTRIES,
        error_messages={"invalid_choice": _("Choose a country from the list.")},
    )

    class Meta:
        model = BillingInfo
        fields = BillingInfo.EDITABLE_FIELDS
        help_texts = {"vat_number": _("Letters and digits, for example DE123456789.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                field.validators.append(no_markup)

    def clean_postal_code(self):
        value = self.cleaned_data["postal_code"].strip()
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9 -]{1,10}", value):
            raise ValidationError(_("Enter a valid postal code."))
        return value

    def clean_vat_number(self):
        value = re.sub(r"[\s.-]", "", self.cleaned_data["vat_number"]).upper()
        if value and not VAT_NUMBER.fullmatch(value):
            raise ValidationError(_("Enter a valid VAT number: 4 to 18 letters and digits."))
        return value
