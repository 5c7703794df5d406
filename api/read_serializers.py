"""What the API's read-only endpoints answer: personas and their outcomes, the outcome table,
a seat's mailbox and activity. Output only; they describe the answers in the OpenAPI schema."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .outcomes import TABLE_CHOICES
from .serializers import QuerySerializer


class OutcomeIds(serializers.ListField):
    def __init__(self, **kwargs):
        super().__init__(child=serializers.CharField(), **kwargs)


class CenterOutcomesSerializer(serializers.Serializer):
    """A persona's outcome ids per center, as the pages carry them in data-outcome."""

    billing_center = OutcomeIds(
        help_text=_("The Billing Center's outcomes on this persona's path, first to last.")
    )
    admin_center = OutcomeIds(
        help_text=_(
            "The Admin Center's outcomes on this persona's path, first to last; empty when the "
            "Admin Center refuses them."
        )
    )
    corp_portal = OutcomeIds(
        allow_null=True,
        help_text=_(
            "The Corporate Billing Portal's refusals on this persona's paths; empty for whoever "
            "signs in there, null for a standard account."
        ),
    )


class CenterPathsSerializer(serializers.Serializer):
    """A persona's whole path through each table: outcome ids and the ends that are none."""

    billing_center = OutcomeIds(
        help_text=_(
            "The Billing Center table's branches, first to last (portal-signed-in: no outcome)."
        )
    )
    admin_center = OutcomeIds(
        help_text=_("The Admin Center table's branches, first to last (refused: no outcome).")
    )


class AccountSerializer(serializers.Serializer):
    name = serializers.CharField(help_text=_("The account's name."))
    corporate_billing = serializers.BooleanField(
        source="is_corporate_billing",
        help_text=_("Managed in the Corporate Billing Portal."),
    )


class PersonaSerializer(serializers.Serializer):
    """A persona row (`sandbox.personas.PersonaRow`) in a seat."""

    key = serializers.CharField(source="persona.key", help_text=_("The persona's key."))
    name = serializers.CharField(source="user.get_full_name", help_text=_("The persona's name."))
    email = serializers.EmailField(
        source="user.email", help_text=_("The email address they sign in with.")
    )
    account = AccountSerializer(source="user.account", help_text=_("The persona's account."))
    roles = serializers.ListField(
        source="user.roles",
        child=serializers.CharField(),
        help_text=_("Their roles, in the request's language, most privileged first."),
    )
    is_account_admin = serializers.BooleanField(source="user.is_account_admin")
    is_billing_admin = serializers.BooleanField(source="user.is_billing_admin")
    portal_user_id = serializers.CharField(
        allow_null=True,
        help_text=_("The Corporate Billing Portal User ID they hold, or null."),
    )
    outcomes = serializers.SerializerMethodField(help_text=_("Their outcome ids per center."))
    paths = serializers.SerializerMethodField(help_text=_("Their path through each table."))

    @extend_schema_field(CenterOutcomesSerializer)
    def get_outcomes(self, row) -> dict:
        return {
            "billing_center": [outcome.value for outcome in row.billing_center],
            "admin_center": [outcome.value for outcome in row.admin_center_outcomes],
            "corp_portal": None
            if row.corp_portal is None
            else [outcome.value for outcome in row.corp_portal],
        }

    @extend_schema_field(CenterPathsSerializer)
    def get_paths(self, row) -> dict:
        return {
            "billing_center": [step.value for step in row.billing_center_path],
            "admin_center": [step.value for step in row.admin_center_path],
        }


class PersonaOutcomeSerializer(PersonaSerializer):
    """One persona's outcomes in one seat (the context's "seat")."""

    seat = serializers.SerializerMethodField(help_text=_("The seat's id."))

    @extend_schema_field(OpenApiTypes.INT)
    def get_seat(self, row) -> int:
        return self.context["seat"].pk


class OutcomeTableRowSerializer(serializers.Serializer):
    id = serializers.CharField(help_text=_("The outcome id, as pages carry it in data-outcome."))
    table = serializers.ChoiceField(
        choices=TABLE_CHOICES, help_text=_("The article's table the outcome belongs to.")
    )
    table_name = serializers.CharField(
        help_text=_("That table's center, in the request's language.")
    )
    label = serializers.CharField(help_text=_("The outcome, in the request's language."))
    happens = serializers.CharField(
        allow_null=True,
        help_text=_("The article's “If this happens”, in the request's language."),
    )
    then = serializers.CharField(
        allow_null=True,
        help_text=_(
            "The article's “Then”: who you are (the billing admin or not), in the request's "
            "language; null where the article says nothing more."
        ),
    )
    personas = serializers.ListField(
        child=serializers.CharField(),
        help_text=_("The keys of the personas whose path reaches this outcome (in this seat)."),
    )


class MailboxMessageSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    to = serializers.EmailField(source="recipient", help_text=_("Whom it was sent to."))
    sender = serializers.CharField(help_text=_("Who sent it."))
    subject = serializers.CharField()
    body = serializers.CharField(help_text=_("The message's text."))
    sent_at = serializers.DateTimeField(help_text=_("When the sandbox sent it."))


class MailboxQuerySerializer(QuerySerializer):
    """The query of GET /seats/<id>/mailbox/."""

    to = serializers.CharField(
        required=False,
        max_length=254,
        help_text=_("Only the messages sent to this address (case does not matter)."),
    )


class ActivitySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    created_at = serializers.DateTimeField(help_text=_("When it happened."))
    who = serializers.CharField(source="actor_label", help_text=_("Who did it."))
    account = serializers.CharField(
        source="account.name", allow_null=True, help_text=_("The account it changed, if any.")
    )
    action = serializers.CharField(help_text=_("What kind of write it was (stable)."))
    summary = serializers.CharField(help_text=_("What was done."))
    before = serializers.JSONField(help_text=_("What changed, before."))
    after = serializers.JSONField(help_text=_("What changed, after."))
