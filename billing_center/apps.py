from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BillingCenterConfig(AppConfig):
    name = "billing_center"
    verbose_name = _("Billing Center")

    def ready(self):
        from sandbox.signals import sample_data_loaded

        from .sample_data import billing_center_sample_data_load

        sample_data_loaded.connect(
            billing_center_sample_data_load, dispatch_uid="billing_center_sample_data"
        )
