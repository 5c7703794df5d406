from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format, time_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_variables

from accounts.clock import sandbox_last_day
from accounts.decisions import PortalSignIn
from accounts.forms import AddressFormMixin, WholeNumberField
from accounts.models import MAX_LICENSES

from .models import (
    LOCKOUT_MINUTES,
    MAX_FAILED_ATTEMPTS,
    BillTo,
    InvoiceContact,
    PurchaseOrder,
    RenewalOffReason,
)
from .services import PortalSignInError, normalize_user_id, portal_sign_in


def _time_of_day(moment) -> str:
    """ "3:45 p.m. (UTC)": the time in the page's language, with its time zone."""
    if moment is None:
        return ""
    local = localtime(moment)
    return f"{time_format(local)} ({date_format(local, 'T')})"


def sign_in_error_key(error: PortalSignInError) -> str:
    """Which words a refused sign-in shows, as the real portal has them: "Invalid User ID"
    for a User ID it does not know, "Invalid User ID/password" for a known User ID with the
    wrong password, the lock's own words for a locked one. The words only: the outcome is
    the refusal's (accounts.decisions.portal_sign_in_outcome: BC-2c / AC-3c either way)."""
    if error.code == PortalSignIn.INVALID and not error.user_id_known:
        return PortalSignInForm.UNKNOWN_USER_ID
    return error.code


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

    # The refusal's words: the real portal has two (see `sign_in_error_key`).
    UNKNOWN_USER_ID = "unknown_user_id"
    error_messages = {
        UNKNOWN_USER_ID: _("Invalid User ID"),
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

    @sensitive_variables("cleaned", "password")
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
                self.error_messages[sign_in_error_key(error)],
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


class ForgotPasswordForm(forms.Form):
    """Forgot Password?: the User ID whose password is to be set again."""

    user_id = forms.CharField(
        label=_("User ID"),
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )


class NewPasswordForm(forms.Form):
    """The page a reset link opens: the new portal password, twice."""

    MIN_LENGTH = 8

    password = forms.CharField(
        label=_("New password"),
        min_length=MIN_LENGTH,
        max_length=128,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters."),
    )
    password_again = forms.CharField(
        label=_("New password again"),
        max_length=128,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password") and cleaned.get("password") != cleaned.get("password_again"):
            self.add_error("password_again", _("The two passwords differ."))
        return cleaned


class QuoteDecisionForm(forms.Form):
    """Accept or reject a quote: the answer, and that the person confirmed it."""

    ACCEPT, REJECT = "accept", "reject"

    decision = forms.ChoiceField(
        choices=[(ACCEPT, _("Accept")), (REJECT, _("Reject"))], widget=forms.HiddenInput
    )


class PayNowForm(forms.Form):
    """Pay Now: in full, or a part of the balance (the amount then)."""

    FULL, PARTIAL = "full", "partial"

    how = forms.ChoiceField(
        label=_("Payment"),
        choices=[(FULL, _("Pay in full")), (PARTIAL, _("Partial payment"))],
        widget=forms.RadioSelect,
        initial=FULL,
    )
    amount = forms.DecimalField(
        label=_("Amount to pay"),
        required=False,
        max_digits=12,
        decimal_places=2,
        localize=True,
        help_text=_("Only for a partial payment."),
    )

    def __init__(self, *args, balance, **kwargs):
        super().__init__(*args, **kwargs)
        self.balance = balance

    def clean(self):
        """The amount paid: the whole balance, or the partial amount entered."""
        cleaned = super().clean()
        how = cleaned.get("how")
        if how == self.FULL:
            cleaned["amount"] = self.balance
        elif how == self.PARTIAL and cleaned.get("amount") is None and "amount" not in self.errors:
            self.add_error("amount", _("Enter the amount of the partial payment."))
        return cleaned


class InvoiceContactForm(forms.ModelForm):
    class Meta:
        model = InvoiceContact
        fields = ["name", "email"]

    def validate_unique(self):
        """The service says when an address is already listed (in the form's words)."""


class PurchaseOrderForm(forms.ModelForm):
    class Meta:
        model = PurchaseOrder
        fields = ["number", "expires_on"]
        widgets = {"expires_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expires_on"].input_formats = ["%Y-%m-%d"]
        self.fields["expires_on"].help_text = _("Year-month-day, for instance 2027-06-30.")
        self.fields["expires_on"].widget.attrs["max"] = sandbox_last_day().isoformat()

    def validate_unique(self):
        """The service says when a number is already on file."""


class AutoRenewalOffForm(forms.Form):
    """Turning auto-renewal off asks why: a reason, and a comment if the person wants."""

    reason = forms.ChoiceField(
        label=_("Why do you turn auto-renewal off?"),
        choices=[("", _("Choose a reason")), *RenewalOffReason.choices],
    )
    note = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
