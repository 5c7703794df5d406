from django import forms
from django.conf import settings
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from accounts.decisions import Outcome
from accounts.forms import WholeNumberField
from accounts.validators import no_control_characters, no_markup
from seats.models import MAX_SEATS_PER_CLASS, Classroom, Seat, time_zone_choices
from seats.names import name_clean

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


class ClassroomForm(forms.Form):
    """The trainer's new class: its name, how many seats, and the language its join link and
    its trainees' pages open in."""

    name = forms.CharField(
        label=_("Class name"),
        max_length=Classroom._meta.get_field("name").max_length,
        validators=[no_control_characters, no_markup],
    )
    seat_count = WholeNumberField(
        label=_("Number of seats"),
        min_value=1,
        max_value=MAX_SEATS_PER_CLASS,
    )
    language = forms.ChoiceField(label=_("Language of the class"), choices=settings.LANGUAGES)
    time_zone = forms.ChoiceField(
        label=_("Time zone of the class"),
        choices=time_zone_choices,
        required=False,  # left out: the server's TIME_ZONE
        help_text=_("The times on the board, its CSV and the seats' pages are in this zone."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = get_language()
        self.fields["time_zone"].initial = settings.TIME_ZONE
        seats = self.fields["seat_count"]
        seats.help_text = gettext("One seat per trainee, from 1 to %(max)d.") % {
            "max": MAX_SEATS_PER_CLASS
        }
        seats.error_messages["min_value"] = seats.error_messages["max_value"] = gettext(
            "A class has 1 to %(max)d seats."
        ) % {"max": MAX_SEATS_PER_CLASS}


def _name_field(**kwargs) -> forms.CharField:
    return forms.CharField(
        max_length=Seat._meta.get_field("display_name").max_length,
        validators=[no_control_characters, no_markup],
        **kwargs,
    )


class TraineeNameMixin:
    """A trainee's name as the board shows it (`seats.names.name_clean`): look-alike
    characters refused or left out, with a message."""

    def clean_display_name(self) -> str:
        return name_clean(self.cleaned_data["display_name"])


class JoinForm(TraineeNameMixin, forms.Form):
    """A trainee's display name: the seat's name on the trainer's board. Typed again on
    another device, it asks for the seat's rejoin code (or the trainer's approval)."""

    display_name = _name_field(
        label=_("Your name"),
        help_text=_("If you already have a seat in this class, type the same name to get it back."),
        widget=forms.TextInput(attrs={"autocomplete": "name", "autofocus": True}),
    )


class RejoinForm(TraineeNameMixin, forms.Form):
    """ "Is this you?": the name taken, and the rejoin code shown in that seat's header."""

    display_name = _name_field(widget=forms.HiddenInput)
    rejoin_code = forms.CharField(
        label=_("Rejoin code"),
        max_length=12,
        help_text=_("It is in your seat's header, on the device where you took the seat."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class RejoinAskForm(TraineeNameMixin, forms.Form):
    display_name = _name_field(widget=forms.HiddenInput)


class SeatRenameForm(TraineeNameMixin, forms.Form):
    """The trainer's new name for a seat (a junk name, two trainees with one name)."""

    display_name = _name_field(label=_("New name"))
