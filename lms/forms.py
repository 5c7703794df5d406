from django import forms
from django.utils.translation import gettext_lazy as _


class PlatformForm(forms.Form):
    """What the LMS gave the sandbox when the trainer added it as an external tool."""

    name = forms.CharField(
        label=_("Name"), max_length=120, help_text=_("How the sandbox calls this LMS.")
    )
    issuer = forms.URLField(
        label=_("Issuer"),
        max_length=255,
        assume_scheme="https",
        help_text=_("The LMS's address as it signs its launches (Moodle: its site URL)."),
    )
    client_id = forms.CharField(label=_("Client id"), max_length=255)
    deployment_ids = forms.CharField(
        label=_("Deployment ids"),
        help_text=_("One per line."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    keyset_url = forms.URLField(label=_("Key set URL"), max_length=500, assume_scheme="https")
    token_url = forms.URLField(label=_("Access token URL"), max_length=500, assume_scheme="https")
    auth_login_url = forms.URLField(
        label=_("Authentication request URL"), max_length=500, assume_scheme="https"
    )

    def clean_deployment_ids(self) -> list[str]:
        ids = [line.strip() for line in self.cleaned_data["deployment_ids"].splitlines()]
        ids = list(dict.fromkeys(line for line in ids if line))  # required: never empty
        if any(len(line) > 255 for line in ids):
            raise forms.ValidationError(_("A deployment id has at most 255 characters."))
        return ids
