from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format, time_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from accounts.decisions import PortalSignIn
from accounts.forms import AddressFormMixin, WholeNumberField
from accounts.models import MAX_LICENSES

from .models import LOCKOUT_MINUTES, MAX_FAILED_ATTEMPTS, BillTo
from .services import PortalSignInError, normalize_user_id, portal_sign_in


def _time_of_day(moment) -> str:
    """ "3:45 p.m. (UTC)": the time in the page's language, with its time zone."""
    if moment is None:
        return ""
    local = localtime(moment)
    return f"{time_format(local)} ({date_format(local, 'T')})"


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
        PortalSignIn.INVALID: _("Invalid User ID/password"),
        PortalSignIn.LOCKED: _(
            "The User ID %(user_id)s is locked: after %(attempts)d wrong passwords in a row, it is "
            "locked for %(minutes)d minutes, until %(until)s. Until then it is refused, even "
            "with the right password, and trying again does not make the lock longer. To sign "
            "in sooner, ask your trainer to clear the lock on the sandbox's Lockouts page."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.portal_login = None
        # What the credential check answered (None when it did not run: a field was empty).
        self.sign_in_result: PortalSignIn | None = None

    def clean(self):
        cleaned = super().clean()
        user_id, password = cleaned.get("user_id"), cleaned.get("password")
        if not user_id or not password:
            return cleaned
        try:
            self.portal_login = portal_sign_in(user_id=user_id, password=password)
        except PortalSignInError as error:
            self.sign_in_result = error.code
            raise ValidationError(
                self.error_messages[error.code],
                code=error.code,
                params={
                    "user_id": normalize_user_id(user_id),
                    "attempts": MAX_FAILED_ATTEMPTS,
                    "minutes": LOCKOUT_MINUTES,
                    "until": _time_of_day(error.locked_until),
                },
            ) from None
        self.sign_in_result = PortalSignIn.SIGNED_IN
        return cleaned


class BillToForm(AddressFormMixin, forms.ModelForm):
    """The billing address (one address rule with the Billing Center's Billing Info); the
    country is shown but, as in the real portal, not editable."""

    class Meta:
        model = BillTo
        fields = BillTo.EDITABLE_FIELDS


class SeatsForm(forms.Form):
    """Add Seats: the new seat quantity (the total after the order, not the seats added)."""

    seats = WholeNumberField(label=_("New seat quantity"), min_value=1, max_value=MAX_LICENSES)


class ServiceOrderForm(SeatsForm):
    """Place the reviewed order: the new quantity and the seats the review was made from.

    Its fields come hidden from the review page: when they do not validate, the person is
    asked for the seats again, above the seats field of Add Seats' first page."""

    seats_reviewed = WholeNumberField(widget=forms.HiddenInput, min_value=1, max_value=MAX_LICENSES)

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            raise ValidationError(
                _("The order could not be read. Please enter the seats again."), code="unread"
            )
        return cleaned
