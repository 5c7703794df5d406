"""Every page of every center, and of the sandbox, loaded in a real browser at least once (so
axe checks it). PAGES names them by URL name, and a test holds it against the URL conf: a
page added without being listed here fails the suite."""

import pytest
from django.urls import get_resolver, reverse
from django.utils import translation
from playwright.sync_api import expect

from accounts.models import Subscription
from billing_center.models import Invoice
from classes.services import class_create
from corp_portal.models import Invoice as PortalInvoice
from corp_portal.models import InvoiceContact, PortalLogin, Quote
from corp_portal.services import portal_password_tokens
from lessons.models import Exercise
from sandbox.models import MailboxMessage
from sandbox.worlds import seat_create
from seats.models import Classroom
from tests.browser.trainer import trainer_signs_in

NAMESPACES = (
    "sandbox",
    "billing_center",
    "admin_center",
    "corp_portal",
    "classes",
    "faults",
    "lessons",
    "course",
    "api",
    "api_tokens",
)

PASSWORD = "sandbox-2026"


def _ana_subscription():
    return {"pk": Subscription.objects.filter(account__name="Acme Support").order_by("pk")[0].pk}


def _ana_cart_line(page):
    """A line in Ana's cart (Add Agents -> Add to Cart), so the cart and the checkout show it."""
    with translation.override("en"):
        page.goto(reverse("billing_center:add-licenses", kwargs=_ana_subscription()))
    page.locator("input[name=quantity]").fill("1")
    page.get_by_test_id("bc-add-to-cart").click()
    expect(page.get_by_test_id("bc-cart-line")).to_have_count(1)


def _ana_invoice():
    return {"pk": Invoice.objects.filter(account__name="Acme Support").order_by("pk")[0].pk}


def _diego_subscription():
    return {"pk": Subscription.objects.filter(account__portal_logins__isnull=False)[0].pk}


def _diego_contact():
    return {"pk": InvoiceContact.objects.filter(account__portal_logins__isnull=False)[0].pk}


def _diego_quote():
    return {"pk": Quote.objects.filter(account__portal_logins__isnull=False)[0].pk}


def _diego_open_invoice():
    invoices = PortalInvoice.objects.filter(account__portal_logins__isnull=False)
    return {"pk": invoices.filter(status=PortalInvoice.Status.OPEN)[0].pk}


def _portal_reset_link():
    login = PortalLogin.objects.get(user_id="GLOBEX-4471")
    return {"key": f"{login.pk}-{portal_password_tokens.make_token(login)}"}


def _diego_invoice():
    return {"pk": PortalInvoice.objects.filter(account__portal_logins__isnull=False)[0].pk}


def _message():
    return {"pk": MailboxMessage.objects.order_by("pk")[0].pk}


def _classroom():
    """A class of one seat, made the first time a page asks for one."""
    classroom = Classroom.objects.first() or class_create(
        name="Every page", seat_count=1, language="en"
    )
    return {"code": classroom.code}


def _exercise():
    return {"pk": Exercise.objects.order_by("sort_order", "pk")[0].pk}


def _first_course_step():
    return {"position": 1}


def _seat_of_classroom():
    return {**_classroom(), "number": 1}


# who visits -> {URL name: its arguments (a function of the sample data) or None}
PAGES = {
    None: {
        "sandbox:home": None,
        "sandbox:guide": None,
        "sandbox:qa": None,
        "sandbox:mailbox": None,
        "sandbox:mailbox-message": _message,
        "billing_center:sign-in": None,
        "admin_center:sign-in": None,
        "corp_portal:sign-in": None,
        "corp_portal:forgot-password": None,
        "corp_portal:reset-password": _portal_reset_link,
        "classes:join": _classroom,
        "api:docs": None,
        "sandbox:states": None,
        "lessons:exercise-list": None,
        "lessons:exercise": _exercise,
        "lessons:course-step": _first_course_step,
        "lessons:course-finish": None,
    },
    "ana.billing@acme.example": {
        "billing_center:subscriptions": None,
        "billing_center:new-subscription": None,
        "billing_center:add-licenses": _ana_subscription,
        "billing_center:cart": None,
        "billing_center:checkout": None,
        "billing_center:edit": _ana_subscription,
        "billing_center:cancel": _ana_subscription,
        "billing_center:payment-method": None,
        "billing_center:billing-info": None,
        "billing_center:billing-history": None,
        "billing_center:invoice": _ana_invoice,
        "billing_center:activity": None,
        "billing_center:my-account": None,
    },
    "bruno.admin@acme.example": {
        "billing_center:wrong-location": None,
        "admin_center:home": None,
        "admin_center:users": None,
        "admin_center:add-licenses": None,
    },
    "GLOBEX-4471": {  # Diego, in the Corporate Billing Portal
        "corp_portal:invoices": None,
        "corp_portal:invoice": _diego_invoice,
        "corp_portal:bill-to": None,
        "corp_portal:payment-profile": None,
        "corp_portal:subscriptions": None,
        "corp_portal:add-seats": _diego_subscription,
        "corp_portal:auto-renewal": _diego_subscription,
        "corp_portal:quotes": None,
        "corp_portal:quote": _diego_quote,
        "corp_portal:pay-now": _diego_open_invoice,
        "corp_portal:invoice-contacts": None,
        "corp_portal:purchase-orders": None,
        "corp_portal:invoice-contact-remove": _diego_contact,
    },
    "trainer": {
        "sandbox:reset": None,
        "sandbox:reset-default-seat": None,
        "sandbox:lockouts": None,
        "sandbox:trainers": None,
        "course:course-material": None,
        "classes:board": _classroom,
        "classes:class-reset": _classroom,
        "classes:class-end": _classroom,
        "classes:seat-reset": _seat_of_classroom,
        "classes:seat": _seat_of_classroom,
        "classes:seat-free": _seat_of_classroom,
        "classes:seat-rename": _seat_of_classroom,
        "classes:list": None,
        "classes:join-card": _classroom,
        "api_tokens:list": None,
        "faults:answer-key": None,
        "faults:seat": _seat_of_classroom,
    },
    "trainee": {  # a browser that joined a class: in a seat
        "classes:join": _classroom,
        "classes:my-seat-reset": None,
    },
    "self-paced": {  # a browser in a seat of no class (made through the API, or alone)
        "sandbox:clock": None,
    },
}
# URL name -> what the browser does before loading it, to show more than an empty page.
SET_UP = {
    "billing_center:cart": _ana_cart_line,
}
# URL names that are no page a person looks at -> why.
NOT_PAGES = {
    "billing_center:sign-out": "POST only: leaves the center",
    "admin_center:sign-out": "POST only: leaves the center",
    "corp_portal:sign-out": "POST only: leaves the portal",
    "sandbox:trainer-notes-toggle": "POST only: switches the notes, then back to the page",
    "sandbox:persona-sign-in": "POST only: signs in as a persona, then to their first page",
    "billing_center:landing": "redirects to subscriptions (BC-1) or wrong-location (BC-2)",
    "sandbox:qa-json": "JSON for scripts",
    "sandbox:health": "plain text for load balancers",
    "course:course-material-file": "the course material's files (zip, handouts, PDFs)",
    "classes:board-csv": "CSV download of the board",
    "classes:seat-lockouts-clear": "POST only: clears a seat's locks, then back to its page",
    "classes:my-seat-leave": "POST only: leaves the seat, then to the home page",
    "classes:seat-clock": "POST only: moves a seat's clock, then back to its page",
    "classes:join-rejoin": "POST only: a seat back with its rejoin code (else Is this you? again)",
    "classes:join-ask": "POST only: asks the trainer to let this browser in, then to waiting",
    "classes:join-waiting": "only a browser that asked the trainer: test_classes.py visits it",
    "classes:seat-rejoin-approve": "POST only: lets a browser into a seat, then the board",
    "classes:seat-rejoin-refuse": "POST only: refuses a browser a seat, then the board",
    "lessons:course-start": "POST only: a seat of one's own, then the course's first exercise",
    "lessons:release": "POST only: releases an exercise to the class, then back to the board",
    "api:seats": "JSON for scripts (POST only: creates a seat)",
    "api:seat": "JSON for scripts",
    "api:seat-reset": "JSON for scripts (POST only)",
    "api:outcomes": "JSON for scripts",
    "api:faults": "JSON for the trainer's scripts",
    "api:seat-faults": "JSON for the trainer's scripts",
    "api:states": "JSON for scripts",
    "api:seat-state": "JSON for scripts (POST only)",
    "sandbox:state-apply": "POST only: the trainer sets a seat to a starting state, then back",
    "sandbox:my-seat-state": "POST only: sets this browser's seat to a starting state",
    "classes:class-state": "POST only: sets every seat of the class, then back to the board",
    "api:seat-clock": "JSON for scripts (POST only)",
    "api:schema": "the OpenAPI schema, JSON (the docs page loads it)",
    "api:outcome-table": "JSON for scripts",
    "api:personas": "JSON for scripts",
    "api:persona-outcome": "JSON for scripts",
    "api:mailbox": "JSON for scripts",
    "api:activity": "JSON for scripts",
    "api_tokens:revoke": "POST only: revokes a token, then back to the tokens page",
    "sandbox:trainer-deactivate": (
        "POST only: deactivates a trainer, then back to the Trainers page"
    ),
    "sandbox:trainer-password": "behind the one-time link a new trainer is emailed: "
    "tests/browser/test_trainers.py opens it",
}


def test_pages_names_every_page_of_the_url_conf():
    resolver = get_resolver()
    names = set()
    for namespace in NAMESPACES:
        _, sub_resolver = resolver.namespace_dict[namespace]
        names |= {f"{namespace}:{k}" for k in sub_resolver.reverse_dict if isinstance(k, str)}
    listed = {name for pages in PAGES.values() for name in pages}
    assert names - listed - set(NOT_PAGES) == set(), "pages no browser test visits"
    assert (listed | set(NOT_PAGES)) - names == set(), "listed but not in the URL conf"


def _sign_in(page, who, trainer_credentials):
    if who is None:
        return
    if who == "trainee":
        with translation.override("en"):
            page.goto(reverse("classes:join", kwargs=_classroom()))
        page.get_by_label("Your name").fill("Every page")
        page.get_by_test_id("join-submit").click()
        page.wait_for_url("**/en/")
    elif who == "self-paced":
        page.goto(reverse("seats:enter", kwargs={"token": seat_create().token}))
        page.get_by_test_id("nav-clock").click()
    elif who == "trainer":
        trainer_signs_in(page, trainer_credentials)
    elif who.startswith("GLOBEX"):
        page.goto("/en/corp-billing/")
        page.locator("#id_user_id").fill(who)
        page.locator("#id_password").fill("corp-2026")
        page.get_by_test_id("portal-sign-in-submit").click()
        page.wait_for_url("**/en/corp-billing/invoices/")
    else:
        page.goto(f"/en/billing/sign-in/?email={who}")
        page.locator("input[name=password]").fill(PASSWORD)
        page.get_by_test_id("sign-in-submit").click()
        page.wait_for_url("**/en/billing/*/")


@pytest.mark.parametrize("who", PAGES, ids=lambda who: str(who))
def test_every_page_loads_in_a_browser(
    page, browser_sample_data, page_checks, trainer_credentials, who
):
    _sign_in(page, who, trainer_credentials)
    for name, arguments in PAGES[who].items():
        if name in SET_UP:
            SET_UP[name](page)
        with translation.override("en"):
            path = reverse(name, kwargs=arguments() if arguments else None)
        page.goto(path)
        expect(page).to_have_url(f"{page_checks_base(page_checks)}{path}")
        expect(page.locator("h1").first).to_be_visible()


def page_checks_base(page_checks) -> str:
    return f"http://{page_checks.host}"
