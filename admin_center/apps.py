from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdminCenterConfig(AppConfig):
    name = "admin_center"
    verbose_name = _("Admin Center")
