from django import forms
from django.utils.translation import gettext_lazy as _

from .catalog import FAULTS


class SeatFaultsForm(forms.Form):
    """The trainer's switches of one seat: a checkbox per fault, ticked when it is on."""

    faults = forms.MultipleChoiceField(
        label=_("Faults switched on"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["faults"].choices = [
            (fault.id, f"{fault.id}: {fault.title}") for fault in FAULTS
        ]
