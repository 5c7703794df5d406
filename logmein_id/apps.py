from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LogmeinIdConfig(AppConfig):
    """The screens both LogMeIn ID centers share (the Billing Center and the Admin Center):
    the sign-in and sign-out, and the order in three steps with its "seat was reset" page."""

    name = "logmein_id"
    label = "logmein_id"
    verbose_name = _("LogMeIn ID")
