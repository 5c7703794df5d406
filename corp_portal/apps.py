from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CorpPortalConfig(AppConfig):
    name = "corp_portal"
    verbose_name = _("Corporate Billing Portal")

    def ready(self):
        from accounts.views import SEPARATE_SIGN_IN_KEYS

        from .views import SESSION_KEY

        SEPARATE_SIGN_IN_KEYS.add(SESSION_KEY)
