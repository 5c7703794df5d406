"""What the API reads and answers. The same classes validate input (with an error per field)
and describe it in the OpenAPI schema."""

from collections.abc import Mapping

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.utils import html

from accounts.clock import seat_today
from core.public_url import absolute_url
from sandbox.clock import clock_window_refusal
from sandbox.states import STATES
from seats.models import Seat

from .outcomes import TABLE_CHOICES

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def join_url(request, seat: Seat, *, language: str) -> str:
    """The seat's join URL (`seats:enter`), absolute, with the pages in `language`."""
    with translation.override(language):
        path = reverse("seats:enter", kwargs={"token": seat.token})
    return absolute_url(request, path)


class LanguageField(serializers.ChoiceField):
    """A language of the sandbox, as its URLs write it (en, es, pt-br); pt_BR and PT-BR too."""

    default_error_messages = {
        # DRF's own message quotes the input, whatever its size.
        "invalid_choice": _("Not a language of the sandbox: en, es or pt-br."),
    }

    def __init__(self, **kwargs):
        super().__init__(choices=settings.LANGUAGES, **kwargs)

    def to_internal_value(self, data):
        if isinstance(data, str):
            data = data.strip().lower().replace("_", "-")
        return super().to_internal_value(data)


class JoinUrlLanguageField(LanguageField):
    """The language of the pages a seat's join URL opens: what POST /seats/ and GET
    /seats/<id>/ read (`join_url`), English when left out."""

    def __init__(self, **kwargs):
        kwargs.setdefault("default", settings.LANGUAGE_CODE)
        kwargs.setdefault(
            "help_text", _("The language of the pages the join URL opens (default: en).")
        )
        super().__init__(**kwargs)


# How much of the input an error may quote: a few names, each cut short.
QUOTED_NAMES, QUOTED_NAME_LENGTH = 10, 50


def quoted_name(name) -> str:
    name = str(name)
    return name if len(name) <= QUOTED_NAME_LENGTH else name[: QUOTED_NAME_LENGTH - 1] + "…"


def blank_refused(serializer: serializers.Serializer, data) -> None:
    """A form or a query string: a field sent empty (`?language=`, `language=`) is a 400
    naming it, as the schema says (an enum, `minLength: 1`), not taken for a field left out,
    as DRF takes it from HTML forms."""
    if not html.is_html_input(data):
        return
    blank = [name for name in serializer.fields if name in data and data.get(name) == ""]
    if blank:
        raise serializers.ValidationError(
            {name: [_("Send a value, or leave the parameter out.")] for name in blank}
        )


class StrictSerializer(serializers.Serializer):
    """Refuses fields it does not know, so a misspelt one is a 400 naming it, not ignored (the
    schema says so: `additionalProperties: false`, `schema.StrictSerializerExtension`), and a
    form's fields sent empty (`blank_refused`)."""

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            unknown = sorted(quoted_name(name) for name in data if name not in self.fields)
            if unknown:
                raise serializers.ValidationError(
                    {name: [_("Unknown field.")] for name in unknown[:QUOTED_NAMES]}
                )
        blank_refused(self, data)
        return super().to_internal_value(data)


class QuerySerializer(serializers.Serializer):
    """A query string: a parameter sent empty is refused (`blank_refused`)."""

    def to_internal_value(self, data):
        blank_refused(self, data)
        return super().to_internal_value(data)


class SeatCreateSerializer(StrictSerializer):
    language = JoinUrlLanguageField()


class SeatClassSerializer(serializers.Serializer):
    code = serializers.CharField(help_text=_("The class's join code."))
    name = serializers.CharField(help_text=_("The class's name."))


class SeatSerializer(serializers.Serializer):
    """A seat as the API shows it. The context holds the request and the join URL's language."""

    id = serializers.IntegerField(help_text=_("The seat's id, in the API's addresses."))
    join_url = serializers.SerializerMethodField(
        help_text=_("Open it (following redirects, keeping cookies) to be in the seat, signed out.")
    )
    token = serializers.CharField(
        help_text=_(
            "The seat's secret (also in the join URL). Send it as “Authorization: Seat "
            "<token>” to read, reset or delete the seat."
        )
    )
    today = serializers.SerializerMethodField(
        help_text=_("The seat's today (YYYY-MM-DD): its dates and billing periods count from it.")
    )
    state = serializers.CharField(
        help_text=_(
            "The name of the starting state the seat was last set to (GET /api/v1/states/); "
            "empty: the plain sample world."
        )
    )
    created_at = serializers.DateTimeField(help_text=_("When the seat was created."))

    def get_fields(self):
        # "class" is a Python keyword: it cannot be declared as an attribute.
        fields = super().get_fields()
        fields["class"] = SeatClassSerializer(
            source="classroom",
            allow_null=True,
            help_text=_("The class the seat belongs to; null for a seat made through the API."),
        )
        return fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_join_url(self, seat: Seat) -> str:
        language = self.context.get("language", settings.LANGUAGE_CODE)
        return join_url(self.context["request"], seat, language=language)

    @extend_schema_field(OpenApiTypes.DATE)
    def get_today(self, seat: Seat) -> str:
        return seat_today(seat).isoformat()


class SeatQuerySerializer(QuerySerializer):
    """The query of GET /seats/<id>/."""

    language = JoinUrlLanguageField()


class OutcomeSerializer(serializers.Serializer):
    id = serializers.CharField(help_text=_("The outcome id, as pages carry it in data-outcome."))
    label = serializers.CharField(help_text=_("What happens, in the request's language."))
    table = serializers.ChoiceField(
        choices=TABLE_CHOICES,
        help_text=_("The article's table the outcome belongs to."),
    )
    table_name = serializers.CharField(
        help_text=_("That table's center, in the request's language.")
    )


class StateSerializer(serializers.Serializer):
    """A named starting state, as GET /api/v1/states/ lists it."""

    name = serializers.CharField(help_text=_("Stable: send it to POST /seats/<id>/state/."))
    title = serializers.CharField(help_text=_("The state, in the request's language."))
    description = serializers.CharField(
        help_text=_("What the state sets up, in the request's language.")
    )
    outcomes = serializers.ListField(
        child=serializers.CharField(),
        help_text=_("The outcome ids the state demonstrates (GET /api/v1/outcomes/)."),
    )

    def to_representation(self, state):
        return {
            "name": state.name,
            "title": str(state.title),
            "description": str(state.description),
            "outcomes": [outcome.value for outcome in state.outcomes],
        }


class StateApplySerializer(StrictSerializer):
    """The body of POST /seats/<id>/state/."""

    state = serializers.ChoiceField(
        # The names from the one place that defines the states: the schema lists them.
        choices=[state.name for state in STATES],
        error_messages={
            "invalid_choice": _("No starting state has this name: see GET /api/v1/states/.")
        },
        help_text=_("The name of a starting state, from GET /api/v1/states/."),
    )


class SeatClockSerializer(StrictSerializer):
    """The body of POST /seats/<id>/clock/."""

    today = serializers.DateField(
        format="%Y-%m-%d",
        input_formats=["%Y-%m-%d"],
        help_text=_(
            "The seat's new today (YYYY-MM-DD), later or earlier than its current one, in the "
            "clock's window: from the sandbox's start date to a few years after it (a date "
            "outside it is a 400 that says the window's end)."
        ),
    )

    def validate_today(self, value):
        refusal = clock_window_refusal(value)
        if refusal is not None:
            raise serializers.ValidationError(refusal.messages, code=refusal.code)
        return value
