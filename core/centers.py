"""The three centers the sandbox recreates, each with the real address it stands for."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Center:
    namespace: str  # the app's URL namespace
    name: Promise
    real_address: str
    sign_in_url_name: str


BILLING_CENTER = Center(
    "billing_center",
    _("Billing Center"),
    "https://billing.logmeininc.com",
    "billing_center:sign-in",
)
ADMIN_CENTER = Center(
    "admin_center", _("Admin Center"), "https://admin.logmeininc.com", "admin_center:sign-in"
)
CORPORATE_BILLING_PORTAL = Center(
    "corp_portal",
    _("Corporate Billing Portal"),
    "https://link.logmeininc.com/corp-billing",
    "corp_portal:sign-in",
)
CENTERS = [BILLING_CENTER, ADMIN_CENTER, CORPORATE_BILLING_PORTAL]
CENTERS_BY_NAMESPACE = {center.namespace: center for center in CENTERS}
