from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.forms import AddressFormMixin, WholeNumberField
from accounts.models import MAX_LICENSES

from .models import LOCKOUT_MINUTES, BillTo
from .services import PortalSignInError, portal_sign_in


class PortalSignInForm(forms.Form):
    """The portal's own sign-in: a User ID (from an emailed invoice) and its password."""

    user_id = forms.CharField(
        label=_("User ID"),
        # Longer than any User ID: whatever people try (often their email) is simply refused.
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Password"),
        max_length=128,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid": _("Invalid User ID/password"),
        "locked": _(
            "Too many failed sign-ins for this User ID: it is locked for %(minutes)d minutes. "
            "Try again later, or ask a trainer to clear the lockout."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.portal_login = None

    def clean(self):
        cleaned = super().clean()
        user_id, password = cleaned.get("user_id"), cleaned.get("password")
        if not user_id or not password:
            return cleaned
        try:
            self.portal_login = portal_sign_in(user_id=user_id, password=password)
        except PortalSignInError as error:
            raise ValidationError(
                self.error_messages[error.code],
                code=error.code,
                params={"minutes": LOCKOUT_MINUTES},
            ) from None
        return cleaned


class BillToForm(AddressFormMixin, forms.ModelForm):
    """The billing address (one address rule with the Billing Center's Billing Info); the
    country is shown but, as in the real portal, not editable."""

    class Meta:
        model = BillTo
        fields = ["company_name", "attention", "street", "city", "region", "postal_code", "email"]


class SeatsForm(forms.Form):
    """Add Seats: the new seat quantity (the total after the order, not the seats added)."""

    seats = WholeNumberField(label=_("New seat quantity"), min_value=1, max_value=MAX_LICENSES)


class ServiceOrderForm(SeatsForm):
    """Place the reviewed order: the new quantity and the seats the review was made from."""

    seats_reviewed = WholeNumberField(widget=forms.HiddenInput, min_value=1, max_value=MAX_LICENSES)
