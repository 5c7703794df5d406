from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.decisions import Outcome

# "Stuck" counts in minutes, up to a day: a class is not longer than that.
MAX_STUCK_MINUTES = 24 * 60


def _outcome_choices():
    return [("", _("Any")), *((outcome.value, outcome.value) for outcome in Outcome)]


class BoardFilterForm(forms.Form):
    """The board's filters, sent with GET so they work with JavaScript off and stay in the
    address (the refresh keeps them, the CSV export uses them too)."""

    not_reached = forms.TypedChoiceField(
        label=_("Has not reached yet"),
        choices=_outcome_choices,
        coerce=Outcome,
        empty_value=None,
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    stuck_minutes = forms.IntegerField(
        label=_("Stuck: no activity for (minutes)"),
        min_value=1,
        max_value=MAX_STUCK_MINUTES,
        required=False,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )

    def filters(self) -> dict:
        """What `classes.board.board_filter` is asked for: nothing when the form is invalid
        (the page says why and shows every seat)."""
        if not self.is_valid():
            return {}
        return {
            "not_reached": self.cleaned_data["not_reached"],
            "stuck_minutes": self.cleaned_data["stuck_minutes"],
        }
