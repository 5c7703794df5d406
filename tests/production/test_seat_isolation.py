"""Seats are isolated: whatever a person does in one seat, no row of another seat shows, and
no row of another seat changes (issue "Classroom", "What a seat is").

Three seats with the same classroom work done in each (the default seat and two made by
`seat_create`): for every persona in each seat, signed in as the README says, the crawler
reads every page and submits every form it finds, for real; no page may hold another seat's
marks (the addresses of its objects, its invoice and order numbers, its mail, its people)
and every other seat's rows, lockouts included, must be exactly as before. Then another
seat's objects, by their addresses, are 404 in this seat. The crawler knows no page by name,
so the pages other branches add are covered once merged.
"""

import contextlib
import html

import pytest
from django.apps import apps
from django.conf import settings
from django.test import Client
from django.urls import reverse

from accounts.models import Account, User
from sandbox.sample_data import ACME, GLOBEX, PERSONAS_BY_KEY
from sandbox.worlds import seat_create
from seats.middleware import SESSION_KEY as SEAT_SESSION_KEY
from seats.models import Seat
from seats.scope import seat_scope
from tests.commits import committed

from .crawler import (
    CENTER_NAMESPACES,
    PASSWORD,
    cart_line_add,
    crawl,
    is_signed_in_as,
    pending_cancellation_state,
    seat_persona_client,
    template_post_forms,
    view_name,
)
from .isolation import (
    NOT_OBJECT_IDS,
    OBJECT_VIEWS,
    assert_accounts_isolated,
    leaks_in,
    marks_pattern,
    object_view_names,
    seat_attempts_of,
    seat_marks,
    seat_rows,
)
from .test_query_counts import _grow_every_list

# Every persona, and the trainer (who exists in the default seat only).
PERSONAS = [None, "ana", "bruno", "carla", "diego", "elena", "fernanda", "trainer"]
# A LogMeIn ID no persona uses, locked by typos in every seat.
TYPO_ID = "typo.locked@acme.example"
# Forms not submitted for real, and why.
NOT_SUBMITTED = {
    # The trainer's Reset restores the whole sandbox, every class and seat with it (on
    # purpose: sandbox.sample_data.PROJECT_APPS); a seat's own reset is seat_reset.
    "sandbox:reset": "resets the whole sandbox, every seat included, by design",
    # The trainer's Starting states page sets any seat to a state: the trainer's tool for every
    # seat, by design (tests/sandbox/test_state_pages.py).
    "sandbox:state-apply": "the trainer sets any seat to a starting state, by design",
    # The trainer's Lockouts page lists and clears the locks of every seat, by design
    # (tests/sandbox/test_lockouts.py: clearing one lock clears that seat's only).
    "sandbox:lockouts": "the trainer clears any seat's locks, by design",
}
# Forms that make this seat's world anew (a starting state, the clock's moves: a reset and
# a replay), which may take away the persona signed in: sent last, from the browser as it is.
WORLD_REMAKING = {"sandbox:my-seat-state", "sandbox:clock"}
# Forms that move the browser to another seat on purpose -> where it lands (None: in the
# seat the form gives, a class's next free one).
SEAT_MOVES = {
    "classes:my-seat-leave": lambda seat: Seat.objects.default(),
    "classes:join": lambda seat: None,
    "lessons:course-start": lambda seat: None,  # the course's own seat, in no class
}
# The mailbox's messages are object pages too: a seat's mail is its own.
SEAT_NAMESPACES = (*CENTER_NAMESPACES, "sandbox")


def _in(seat):
    """The scope of `seat` for the test's own reads and writes (the default seat needs none)."""
    return contextlib.nullcontext() if seat.is_default else seat_scope(seat)


def _classroom_work(seat: Seat) -> None:
    """What a class does in a seat, through the product's services where it has them: an order
    in every account (an invoice or a service order, its mail and activity), a subscription
    pending cancellation, a person only this seat has, and a LogMeIn ID locked by typos."""
    with _in(seat), committed():
        _grow_every_list(orders=1, copies=0)
        pending_cancellation_state()
        User.objects.create(
            email=f"only.in.seat{seat.pk}@acme.example",
            first_name="Only",
            last_name=f"Seat{seat.pk}",
            account=Account.objects.get(name=ACME),
        )
    client = seat_persona_client(Client(), seat, None)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("billing_center:sign-in"), {"username": TYPO_ID, "password": "typo"})
    assert seat_attempts_of(seat).filter(username__endswith=TYPO_ID).exists()


@pytest.fixture
def seats(sample_data) -> list[Seat]:
    """The default seat and two seats of scripts, each with the same classroom work done."""
    worlds = [Seat.objects.default(), seat_create(), seat_create()]
    for seat in worlds:
        _classroom_work(seat)
    return worlds


def test_every_page_with_an_object_id_is_known():
    """A page reached by an object's id is checked for other seats' ids: OBJECT_VIEWS must
    name its model (NOT_OBJECT_IDS: numbers in an address that are no row's id)."""
    assert object_view_names() == set(OBJECT_VIEWS) | set(NOT_OBJECT_IDS)


def in_seat(client) -> Seat:
    """The seat the client's next request works in."""
    seat_id = client.session.get(SEAT_SESSION_KEY)
    return Seat.objects.get(pk=seat_id) if seat_id else Seat.objects.default()


def _rows_changed(before: dict, after: dict) -> dict:
    return {
        label: (before[label], after[label]) for label in before if before[label] != after[label]
    }


def _submit_every_form(client, forms, *, seat, persona_key, read) -> int:
    """Submit each form once for real, as a person would, and read the page it leads to. Forms
    that end the session or change who is signed in go last, each from a new sign-in."""
    remaking = [form for form in forms if view_name(form.action) in WORLD_REMAKING]
    staying = [form for form in forms if not form.ends_the_session and form not in remaking]
    ending = [form for form in forms if form.ends_the_session and form not in remaking]
    submitted = 0
    for form in staying + ending + remaking:
        if view_name(form.action) in NOT_SUBMITTED:
            continue
        sender = seat_persona_client(Client(), seat, persona_key) if form in ending else client
        response = sender.post(form.action, form.step_data(), follow=True)
        assert response.status_code < 500, f"{form.action}: {response.status_code}"
        # Whatever a form does, signing out or in as someone else, the browser stays in its
        # seat (back in the default seat, its next clicks would change the shared world), but
        # for the forms that move it on purpose.
        lands_in = SEAT_MOVES.get(view_name(form.action), lambda seat: seat)(seat)
        if lands_in is not None:
            assert in_seat(sender) == lands_in, f"{form.action} took {persona_key} out of {seat}"
        # The page it leads to is this seat's, unless the form moved the browser elsewhere.
        if lands_in == seat and "html" in response.get("Content-Type", ""):
            read(response.request["PATH_INFO"], response)
        submitted += 1
    return submitted


# POST forms no persona of a seat reaches -> why (test_crawler.py reaches them all).
NOT_IN_A_SEAT = {
    ("classes/_board_class_state.html", "class-state-form"): "the trainer's board",
    ("classes/_seat_state.html", "seat-state-form"): "the trainer's page of a seat",
    ("classes/_seat_clock.html", "seat-clock-form"): "the trainer's page of a seat",
    ("course/course_material.html", "course-material-form"): "the trainer's, in the default seat",
    ("sandbox/includes/state_controls.html", "state-start-form-{{ uid }}"): (
        "the guide's Start here: the trainer's seat picker, or a seat of no class's own "
        "(tests/sandbox/test_state_pages.py)"
    ),
    ("sandbox/lockouts.html", "lockout-clear-all-form"): "the trainer's, in the default seat",
    ("sandbox/lockouts.html", "lockout-clear-form"): "the trainer's, in the default seat",
    ("sandbox/reset.html", "reset-form"): "the trainer's, in the default seat",
    ("sandbox/reset_default_seat.html", "reset-default-seat-form"): (
        "the trainer's, in the default seat"
    ),
    ("classes/list.html", "class-create-form"): "the trainer's, in the default seat",
    ("classes/seat.html", "seat-lockouts-clear-form"): "the trainer's, in the default seat",
    ("classes/confirm.html", "confirm-form"): "the trainer's board actions",
    ("classes/_board_exercises.html", "exercise-release-form"): "the trainer's board actions",
    ("classes/join.html", "join-form"): "opened from the join link the trainer hands out",
    ("classes/join_taken.html", "join-rejoin-form"): "the answer to a join with a taken name",
    ("classes/join_taken.html", "join-ask-form"): "the answer to a join with a taken name",
    ("classes/join_waiting.html", "join-waiting-form"): "a browser that asked the trainer",
    ("seats/enter_confirm.html", "enter-form"): "a seat link opened in another seat",
    ("classes/seat_rename.html", "seat-rename-form"): "the trainer's board actions",
    ("classes/includes/seat_trainee_forms.html", "seat-rejoin-approve-form"): (
        "the trainer's board actions"
    ),
    ("classes/includes/seat_trainee_forms.html", "seat-rejoin-refuse-form"): (
        "the trainer's board actions"
    ),
    ("corp_portal/reset_password.html", "portal-new-password-form"): (
        "only behind an emailed reset link; another seat's link is refused in "
        "tests/corp_portal/test_portal_fidelity.py"
    ),
    ("api/tokens.html", "api-token-create-form"): "the trainer's, in the default seat",
    ("api/tokens.html", "api-token-revoke-form"): "the trainer's, in the default seat",
    ("faults/_seat_switches.html", "seat-faults-form"): "the trainer's, in the default seat",
    ("lms/platforms.html", "lms-register-form"): "the trainer's, in the default seat",
    ("sandbox/trainers.html", "trainer-add-form"): "a lead trainer's, in the default seat",
    ("sandbox/trainers.html", "trainer-deactivate-form"): "a lead trainer's, in the default seat",
    ("sandbox/trainer_password.html", "trainer-password-form"): (
        "a new trainer's, behind the one-time link emailed to them (staff of the default seat)"
    ),
    ("sandbox/trainer_sign_in_in_seat.html", "trainer-sign-in-leave-seat-form"): (
        "the trainer's sign-in opened in a seat, which no page of a seat links to "
        "(tests/sandbox/test_trainer_credentials.py)"
    ),
}


def test_the_crawl_in_a_seat_reaches_every_post_form_a_seat_has(sample_data):
    """What the isolation test submits in a seat is every form of the templates a seat has:
    the seat's personas together reach them all."""
    seat = seat_create()
    with seat_scope(seat):
        pending_cancellation_state()  # the undo-cancel forms exist only then
    reached = set()
    for persona_key in PERSONAS:
        if persona_key != "trainer":
            client = seat_persona_client(Client(), seat, persona_key)
            if persona_key == "ana":  # the cart's and the checkout's forms need a line
                cart_line_add(client)
            _, forms = crawl(client)
            reached |= {(form.template, form.testid) for form in forms}
    assert set(template_post_forms()) - reached == set(NOT_IN_A_SEAT)


class SeatPages:
    """Reads the pages of one seat: the other seats' marks found in them (leaks), and this
    seat's own marks seen (which shows the marks can be seen at all)."""

    def __init__(self, here: Seat, others: list[Seat]):
        self.here = here
        self.theirs = marks_pattern(
            {mark for other in others for mark in seat_marks(other, apart_from=[here])}
        )
        self.own = marks_pattern(seat_marks(here, apart_from=others))
        self.leaks: list[str] = []
        self.own_seen: set[str] = set()
        self.known: dict = {}

    def read(self, path, response) -> None:
        content = response.content.decode()
        found = leaks_in(path, content, self.theirs, self.here, self.known)
        self.leaks += [f"{path}: {mark}" for mark in sorted(found)]
        self.own_seen.update(self.own.findall(html.unescape(content)))


@pytest.mark.parametrize("persona_key", PERSONAS)
def test_a_seat_shows_and_changes_nothing_of_another(seats, persona_key):
    for here in seats:
        if persona_key == "trainer" and not here.is_default:
            continue
        others = [seat for seat in seats if seat != here]
        pages = SeatPages(here, others)
        before = {other.pk: seat_rows(other) for other in others}

        client = seat_persona_client(Client(), here, persona_key)
        if persona_key == "ana":  # the checkout's Place Order is submitted too
            cart_line_add(client)
        _, forms = crawl(client, on_answer=pages.read)
        assert is_signed_in_as(client, persona_key, seat=here), f"signed out in {here}"
        submitted = _submit_every_form(
            client, forms, seat=here, persona_key=persona_key, read=pages.read
        )

        assert submitted >= 2, f"{persona_key} in {here}: only {submitted} forms submitted"
        assert pages.leaks == [], f"{persona_key} in {here} saw another seat: {pages.leaks[:20]}"
        for other in others:
            changed = _rows_changed(before[other.pk], seat_rows(other))
            assert changed == {}, f"{persona_key} in {here} changed rows of {other}: {changed}"
        # The marks can be seen: this seat's own show in its own pages (its mailbox at least).
        assert pages.own_seen, f"{persona_key} in {here} saw none of its own seat's marks"


# (owner's seat, intruder's seat), as indexes into `seats`: two seats of scripts, and the
# default seat against a seat both ways.
SEAT_PAIRS = [(2, 1), (0, 1), (1, 0)]


# One persona for each kind of object page: the mailbox's (anyone), the Billing Center's
# (Ana's invoices and subscriptions), the portal's (Diego's invoices and add-seats).
OBJECT_PAGE_PERSONAS = [None, "ana", "diego"]


@pytest.mark.parametrize("persona_key", OBJECT_PAGE_PERSONAS)
@pytest.mark.parametrize(
    ("owner", "intruder"), SEAT_PAIRS, ids=["seat-seat", "default-seat", "seat-default"]
)
def test_another_seats_object_addresses_are_404(seats, persona_key, owner, intruder):
    """Every page and form with an object id that a persona reaches in one seat, tried by the
    same persona in another seat: 404, and the owner's seat unchanged."""
    owner_seat, intruder_seat = seats[owner], seats[intruder]
    tried = assert_accounts_isolated(
        seat_persona_client(Client(), owner_seat, persona_key),
        seat_persona_client(Client(), intruder_seat, persona_key),
        snapshot=lambda: seat_rows(owner_seat),
        namespaces=SEAT_NAMESPACES,
    )
    assert tried >= 1


# persona, page, model, account: one object of each kind the issue names.
NAMED_OBJECTS = [
    ("ana", "billing_center:invoice", "billing_center.Invoice", ACME),
    ("ana", "billing_center:edit", "accounts.Subscription", ACME),
    (None, "sandbox:mailbox-message", "sandbox.MailboxMessage", None),
    ("diego", "corp_portal:invoice", "corp_portal.Invoice", GLOBEX),
    ("diego", "corp_portal:add-seats", "accounts.Subscription", GLOBEX),
]


@pytest.mark.parametrize(
    ("persona_key", "view", "label", "account"),
    NAMED_OBJECTS,
    ids=[view for _, view, _, _ in NAMED_OBJECTS],
)
def test_another_seats_invoice_message_and_subscription_are_404(
    seats, persona_key, view, label, account
):
    _, first, second = seats
    client = seat_persona_client(Client(), first, persona_key)
    model = apps.get_model(label)

    def one_of(seat):
        rows = model._base_manager.filter(seat=seat).order_by("pk")
        return rows.filter(account__name=account).first() if account else rows.first()

    own, other = one_of(first), one_of(second)
    assert client.get(reverse(view, args=[own.pk])).status_code == 200
    assert client.get(reverse(view, args=[other.pk])).status_code == 404


# How a browser in a seat changes who is signed in, beyond the sign-out and the one-click
# switch of tests/seats/test_scope.py: each must leave it in its seat.
SIGN_IN_CHANGES = {
    "another persona signs in": lambda client: client.post(
        reverse("billing_center:sign-in"),
        {"username": PERSONAS_BY_KEY["bruno"].email, "password": PASSWORD},
    ),
    "signing out of the Admin Center": lambda client: client.post(reverse("admin_center:sign-out")),
}


@pytest.mark.parametrize("change", SIGN_IN_CHANGES)
def test_signing_in_as_another_persona_or_out_stays_in_the_seat(seats, change):
    """django.contrib.auth empties the session when someone else signs in or anyone signs
    out; the seat outlives it, as the Corporate Billing Portal's sign-in does."""
    _, first, _ = seats
    client = seat_persona_client(Client(), first, "ana")
    assert SIGN_IN_CHANGES[change](client).status_code == 302
    assert in_seat(client) == first
    page = client.get(reverse("sandbox:home"))
    assert page.wsgi_request.joined_seat == first


def test_the_trainers_django_admin_shows_the_default_seat_only(seats, trainer_credentials):
    """The trainer works in the default seat: the Django admin (which the crawler leaves
    aside) lists none of a seat's rows, and a seat's row by its address is not found."""
    from django.contrib import admin

    from sandbox.worlds import seat_scoped_models

    default, first, second = seats
    email, password = trainer_credentials
    trainer = Client()
    assert (
        trainer.post(reverse("admin:login"), {"username": email, "password": password}).status_code
        == 302
    )
    theirs = marks_pattern(
        {mark for seat in (first, second) for mark in seat_marks(seat, apart_from=[default])}
    )
    listed = [model for model in seat_scoped_models() if admin.site.is_registered(model)]
    assert len(listed) >= 8
    for model in listed:
        info = model._meta.app_label, model._meta.model_name
        changelist = trainer.get(reverse("admin:{}_{}_changelist".format(*info)))
        assert changelist.status_code == 200, model
        shown = html.unescape(changelist.content.decode())
        assert theirs.findall(shown) == [], f"{model._meta.label} lists another seat's rows"
        other = model._base_manager.filter(seat=first).first()
        change = trainer.get(reverse("admin:{}_{}_change".format(*info), args=[other.pk]))
        assert change.status_code == 302, f"{model._meta.label} shows {other.pk} of {first}"
