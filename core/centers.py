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
    # The session key of a sign-in of the center's own, kept apart from the LogMeIn ID (the
    # portal's User ID): the LogMeIn ID's sign-in and sign-out leave it in the session.
    separate_sign_in_key: str | None = None


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
    separate_sign_in_key="corp_portal_login",
)
CENTERS = [BILLING_CENTER, ADMIN_CENTER, CORPORATE_BILLING_PORTAL]
CENTERS_BY_NAMESPACE = {center.namespace: center for center in CENTERS}
