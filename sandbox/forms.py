from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.validators import no_control_characters


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
