from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CorpPortalConfig(AppConfig):
    name = "corp_portal"
    verbose_name = _("Corporate Billing Portal")
