"""The real page of each outcome, reached as a trainee reaches it: the first persona of the
outcome table whose path takes that branch signs in and opens the center's page; the portal's
refusals (BC-2c, AC-3c) are that persona's sign-in to the portal. Tests that need "a page that
shows outcome X" use these, never a page made for the tests."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from sandbox.sample_data import PERSONAS_BY_KEY

from .outcome_table import ADMIN_CENTER, BILLING_CENTER, CUSTOMERS, PATHS

# The center's page a signed-in persona opens to see the outcome (redirects followed).
PAGE_OF = {
    "BC-1": "billing_center:landing",
    "BC-2": "billing_center:landing",
    "BC-2a": "billing_center:my-account",
    "BC-2b": "billing_center:my-account",
    "AC-1": "admin_center:add-licenses",
    "AC-2": "admin_center:add-licenses",
    "AC-3": "admin_center:add-licenses",
}
# The portal's refusals, and the table each comes from.
PORTAL_REFUSALS = {"BC-2c": BILLING_CENTER, "AC-3c": ADMIN_CENTER}


def persona_reaching(outcome: str) -> str:
    """The first customer of the outcome table whose path takes `outcome`."""
    return next(key for key in CUSTOMERS if any(outcome in path for path in PATHS[key].values()))


def outcome_page(client, outcome: str, language: str = "en"):
    """The response of the page that shows `outcome` in `language`, for `client`."""
    persona = PERSONAS_BY_KEY[persona_reaching(outcome)]
    with translation.override(language):
        if outcome in PORTAL_REFUSALS:
            data = {"user_id": persona.email, "password": settings.SANDBOX_PASSWORD}
            if PORTAL_REFUSALS[outcome] == ADMIN_CENTER:
                data["from"] = "admin-center"
            return client.post(reverse("corp_portal:sign-in"), data)
        client.force_login(get_user_model().objects.get(email=persona.email))
        return client.get(reverse(PAGE_OF[outcome]), follow=True)


def outcome_page_url(client, outcome: str, language: str = "en") -> str:
    """Where the page of `outcome` is, for a GET (the portal's refusals are answers to a POST)."""
    return outcome_page(client, outcome, language).request["PATH_INFO"]
