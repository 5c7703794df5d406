from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.validators import no_control_characters

from .clock import clock_window_refusal


class MailboxFilterForm(forms.Form):
    """The mailbox's `?to=` filter: an email address, checked before it reaches a query."""

    to = forms.EmailField(
        label=_("Recipient"),
        required=False,
        max_length=254,
        validators=[no_control_characters],
        error_messages={"invalid": _("Choose a recipient from the list.")},
    )

    def clean_to(self):
        return self.cleaned_data["to"].lower()


class ClockForm(forms.Form):
    """Moving a seat's clock: one of the buttons (`step`), or to the date given."""

    step = forms.ChoiceField(
        label=_("Move the clock"),
        required=False,
        choices=[
            ("day", _("+1 day")),
            ("month", _("+1 month")),
            ("renewal", _("Next renewal")),
            ("start", _("Back to the start")),
            ("", _("To the date")),
        ],
    )
    today = forms.DateField(
        label=_("Date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": _("Enter a date as YYYY-MM-DD.")},
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("step") or "today" in self.errors:
            return cleaned  # a button: the date field is not read
        today = cleaned.get("today")
        if today is None:
            self.add_error("today", _("Choose a date, or one of the clock's buttons."))
        else:
            refusal = clock_window_refusal(today)  # the clock's window, as the service checks
            if refusal is not None:
                self.add_error("today", refusal)
        return cleaned


class TrainerAddForm(forms.Form):
    """A lead trainer adds a trainer: their name and email (they set their own password)."""

    name = forms.CharField(
        label=_("Name"), max_length=150, strip=True, validators=[no_control_characters]
    )
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        validators=[no_control_characters],
        help_text=_("The trainer signs in with it; the link to set their password goes to it."),
    )
