from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .validators import (
    ASCII_DIGITS,
    DIGITS_ONLY_MESSAGE,
    Country,
    no_control_characters,
    no_markup,
    validate_postal_code,
)


class SignInForm(AuthenticationForm):
    """Sign-in with a LogMeIn ID: email address and password."""

    username = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        "invalid_login": _("The email address or password is incorrect. Please try again."),
        "inactive": _("This account is inactive."),
    }


class WholeNumberField(forms.IntegerField):
    """A whole number typed with the digits 0 to 9: every quantity and number of the centers.

    "1.5", "1e3" or "+2" are refused, not rounded; "١٢" or "１２" (digits of other scripts,
    which `int()` reads) are refused with a message that says which digits to use.
    """

    default_error_messages = {"invalid": _("Enter a whole number."), "digits": DIGITS_ONLY_MESSAGE}
    max_digits = 9

    def to_python(self, value):
        if value in self.empty_values:
            return None
        value = str(value).strip()
        unsigned = value.removeprefix("-")
        if unsigned and all(char.isdigit() for char in unsigned) and not unsigned.isascii():
            raise ValidationError(self.error_messages["digits"], code="digits")
        if len(unsigned) > self.max_digits or not ASCII_DIGITS.fullmatch(unsigned):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return int(value)


class AddressFormMixin:
    """The one billing-address validation, for Billing Info and the portal's Bill To: plain
    text in every text field, the postal-code rule, and the country list (where the country
    is editable)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                field.validators += [no_markup, no_control_characters]
        if "postal_code" in self.fields:
            self.fields["postal_code"].validators.append(validate_postal_code)
        if "country" in self.fields:
            self.fields["country"] = forms.ChoiceField(
                label=_("Country"),
                choices=Country.choices,
                error_messages={"invalid_choice": _("Choose a country from the list.")},
            )
