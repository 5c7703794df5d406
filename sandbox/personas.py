"""What each persona is expected to see, asked of the decision functions themselves.

The home page, the scenario guide and the QA page all read these paths: one source.
"""

import functools
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from accounts.decisions import (
    Outcome,
    Step,
    admin_center_path,
    billing_center_path,
    portal_refusal_outcome,
)
from accounts.models import User
from core.centers import ADMIN_CENTER, BILLING_CENTER, Center
from core.lists import choice_labels, slug_link_maker
from corp_portal.models import PortalLogin
from seats.prepared import PreparedRead

from .models import Persona


def start_url(center: Center, email: str, *, sign_in_url: str | None = None) -> str:
    """The center's sign-in with the persona's email filled in: the trainee still signs in."""
    return f"{sign_in_url or reverse(center.sign_in_url_name)}?{urlencode({'email': email})}"


@dataclass
class PersonaRow:
    persona: Persona
    billing_center_path: list[Step]
    admin_center_path: list[Step]
    portal_user_id: str | None
    # The centers' sign-in addresses, reversed once for every row of a table.
    sign_in_urls: dict | None = None

    @property
    def user(self) -> User:
        return self.persona.user

    @functools.cached_property
    def billing_center(self) -> list[Outcome]:
        return _outcomes(self.billing_center_path)

    @property
    def admin_center(self) -> Outcome | None:
        """None: the Admin Center refuses them."""
        outcomes = self.admin_center_outcomes
        return outcomes[0] if outcomes else None

    @functools.cached_property
    def admin_center_outcomes(self) -> list[Outcome]:
        return _outcomes(self.admin_center_path)

    @functools.cached_property
    def corp_portal(self) -> list[Outcome] | None:
        """The portal column: None for a standard account, [] for whoever signs in there,
        else the refusals their paths end on (from the Billing Center, from the Admin Center)."""
        if not self.user.account.is_corporate_billing:
            return None
        refusals = {
            portal_refusal_outcome(from_admin_center=False),
            portal_refusal_outcome(from_admin_center=True),
        }
        return [
            step for step in self.billing_center_path + self.admin_center_path if step in refusals
        ]

    @property
    def billing_center_start_url(self) -> str:
        return start_url(BILLING_CENTER, self.user.email, sign_in_url=self._sign_in(BILLING_CENTER))

    @property
    def admin_center_start_url(self) -> str:
        return start_url(ADMIN_CENTER, self.user.email, sign_in_url=self._sign_in(ADMIN_CENTER))

    def _sign_in(self, center: Center) -> str | None:
        return (self.sign_in_urls or {}).get(center.sign_in_url_name)


def _outcomes(path: list[Step]) -> list[Outcome]:
    """The steps of a path that are outcomes of the article (with a page and a trainer note)."""
    return [step for step in path if isinstance(step, Outcome)]


def persona_rows(personas=None) -> list[PersonaRow]:
    """Customer personas with the branches they take in each table, in two queries (one when
    the caller already read `personas`, with their users and accounts).

    Who holds a Corporate Billing Portal login is read from the portal's own logins, so a
    trainer who gives Elena one in the Django admin sees her path change here too.
    """
    if personas is None:
        personas = Persona.objects.select_related("user__account").filter(
            user__account__isnull=False
        )
    sign_in_urls = {
        center.sign_in_url_name: reverse(center.sign_in_url_name)
        for center in (BILLING_CENTER, ADMIN_CENTER)
    }
    portal_user_ids = dict(_portal_logins_held())
    rows = []
    for persona in personas:
        portal_user_id = portal_user_ids.get(persona.user_id)
        holds = portal_user_id is not None
        rows.append(
            PersonaRow(
                persona,
                billing_center_path(persona.user, holds_portal_login=holds),
                admin_center_path(persona.user, holds_portal_login=holds),
                portal_user_id,
                sign_in_urls,
            )
        )
    return rows


# (holder, portal User ID) of every portal login someone holds, its SQL compiled once a
# process (seats.prepared): the home page reads it at every request.
_portal_logins_held = PreparedRead(
    lambda: PortalLogin.objects.filter(holder__isnull=False).values_list("holder_id", "user_id")
)


@dataclass(frozen=True)
class PersonaLine:
    """One row of the home page's persona table as it shows it, every value prepared once in
    Python (the template only places strings, as the Subscriptions page's cards do)."""

    key: str
    name: str
    email: str
    description: str
    account: str
    roles: str
    # Each path's outcomes as their badges, in order ("" where the Admin Center refuses them;
    # the portal: None for a standard account, "" for whoever signs in there, see
    # PersonaRow.corp_portal).
    billing_center: SafeString
    admin_center: SafeString
    corp_portal: SafeString | None
    portal_user_id: str | None
    sign_in_now_url: str
    billing_center_start_url: str
    admin_center_start_url: str


def persona_lines(rows: list[PersonaRow]) -> list[PersonaLine]:
    """The home page's persona table: each outcome's label translated once per page, the
    "Sign in now" address reversed once, each path's badges written here rather than by a
    loop of the template in every cell."""
    labels = choice_labels(Outcome.choices)
    sign_in_now = slug_link_maker("sandbox:persona-sign-in")
    badge = {  # each outcome's badge, written once a page
        value: format_html(
            '<span class="badge text-bg-secondary outcome-id" title="{}">{}</span>', label, value
        )
        for value, label in labels.items()
    }

    def badges(outcomes, separator=" → "):
        return mark_safe(separator.join(badge[outcome.value] for outcome in outcomes))

    return [
        PersonaLine(
            key=row.persona.key,
            name=row.user.get_full_name(),
            email=row.user.email,
            description=row.persona.description,
            account=str(row.user.account),
            roles=", ".join(row.user.roles),
            billing_center=badges(row.billing_center),
            admin_center=badges(row.admin_center_outcomes),
            corp_portal=None if row.corp_portal is None else badges(row.corp_portal, " / "),
            portal_user_id=row.portal_user_id,
            sign_in_now_url=sign_in_now(row.persona.key),
            billing_center_start_url=row.billing_center_start_url,
            admin_center_start_url=row.admin_center_start_url,
        )
        for row in rows
    ]
