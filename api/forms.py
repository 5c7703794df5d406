from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.validators import no_control_characters, no_markup


class TrainerTokenForm(forms.Form):
    """The trainer's API tokens page: a new token's name (what script it is for)."""

    name = forms.CharField(
        label=_("Name"),
        max_length=80,
        strip=True,
        validators=[no_control_characters, no_markup],
        help_text=_("What the token is for, e.g. “nightly QA run”: to tell your tokens apart."),
    )
