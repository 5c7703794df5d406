from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BillingCenterConfig(AppConfig):
    name = "billing_center"
    verbose_name = _("Billing Center")
