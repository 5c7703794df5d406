"""Starting states (sandbox/states.py): each one restores the seat's world and makes its
changes, the same every time, and the pages then show the outcomes it names."""

import pytest

from accounts.decisions import Outcome
from accounts.models import Activity, Subscription, User
from billing_center.models import PaymentMethod
from corp_portal.models import PortalLogin
from sandbox import states
from sandbox.models import MailboxMessage
from sandbox.sample_data import PERSONAS, PERSONAS_BY_KEY
from sandbox.worlds import seat_create, seat_reset
from seats.models import Seat
from seats.scope import seat_scope
from tests.classes.trainees import seat_client
from tests.seats.test_seat_world import seat_world

pytestmark = pytest.mark.django_db

NAMES = [state.name for state in states.STATES]


@pytest.fixture
def seat(sample_data):
    return seat_create()


def test_the_registry_holds_the_issue_s_states_with_outcomes():
    assert NAMES == [
        "ana-pending-cancellation",
        "acme-no-billing-admin",
        "diego-invoice-email-deleted",
        "elena-portal-locked-out",
        "card-declined-on-renewal",
        "fernanda-brazil",
    ]
    for state in states.STATES:
        assert state.outcomes and all(isinstance(o, Outcome) for o in state.outcomes)
        assert str(state.title) and str(state.description)


@pytest.mark.parametrize("name", NAMES)
def test_a_state_applied_twice_gives_the_same_data(seat, name):
    plain = seat_world(seat)
    states.seat_state_apply(seat=seat, name=name)
    first = seat_world(seat)
    states.seat_state_apply(seat=seat, name=name)
    assert seat_world(seat) == first
    assert first != plain  # the state changed something
    seat.refresh_from_db()
    assert seat.state == name


def test_a_reset_brings_back_the_plain_world(seat):
    plain = seat_world(seat)
    states.seat_state_apply(seat=seat, name="acme-no-billing-admin")
    seat_reset(seat=seat)
    seat.refresh_from_db()
    assert seat.state == ""
    world = seat_world(seat)
    world.pop("accounts.Activity"), plain.pop("accounts.Activity")
    assert world == plain


def test_never_the_default_seat(sample_data):
    with pytest.raises(ValueError, match="default seat"):
        states.seat_state_apply(seat=Seat.objects.default(), name="fernanda-brazil")


def test_an_unknown_state_is_refused_before_anything_changes(seat):
    before = seat_world(seat)
    with pytest.raises(states.UnknownState):
        states.seat_state_apply(seat=seat, name="nope")
    assert seat_world(seat) == before


def test_ana_s_subscription_is_pending_cancellation_and_she_can_undo_it(seat):
    states.seat_state_apply(seat=seat, name="ana-pending-cancellation")
    client = seat_client(seat)
    with seat_scope(seat):
        client.force_login(User.objects.get(email=PERSONAS_BY_KEY["ana"].email))
        subscription = Subscription.objects.get(
            product__code="gotoassist-rs5", account__name="Acme Support"
        )
    assert subscription.status == Subscription.Status.PENDING_CANCELLATION
    page = client.get("/en/billing/subscriptions/").content.decode()
    assert 'data-outcome="BC-1"' in page
    assert 'data-testid="bc-undo-cancel"' in page
    client.post(f"/en/billing/subscriptions/{subscription.pk}/cancel/", {"action": "undo"})
    with seat_scope(seat):
        subscription.refresh_from_db()
        assert subscription.status == Subscription.Status.ACTIVE
        assert Activity.objects.filter(action="cancellation_undone").exists()


def test_acme_without_billing_admin_names_no_one_and_gives_the_fallback(seat):
    states.seat_state_apply(seat=seat, name="acme-no-billing-admin")
    client = seat_client(seat)
    with seat_scope(seat):
        assert not User.objects.filter(account__name="Acme Support", is_billing_admin=True).exists()
        client.force_login(User.objects.get(email=PERSONAS_BY_KEY["bruno"].email))
    page = client.get("/en/admin-center/add-licenses/").content.decode()
    assert 'data-outcome="AC-2"' in page
    assert 'data-testid="no-billing-admin"' in page
    assert "contact the account admin who manages your account" in page
    assert "mailto:" not in page and "ana.billing@acme.example" not in page
    page = client.get("/en/billing/my-account/").content.decode()
    assert 'data-outcome="BC-2a"' in page
    assert 'data-testid="bc-no-billing-admin"' in page
    assert 'data-testid="bc-billing-contact"' not in page
    # Ana herself can no longer sign in.
    ana_browser = seat_client(seat)
    response = ana_browser.post(
        "/en/billing/sign-in/",
        {"username": PERSONAS_BY_KEY["ana"].email, "password": "sandbox-2026"},
    )
    assert response.status_code == 200 and "_auth_user_id" not in ana_browser.session


def test_diego_s_mailbox_has_no_invoice_email(seat):
    states.seat_state_apply(seat=seat, name="diego-invoice-email-deleted")
    with seat_scope(seat):
        assert not MailboxMessage.objects.filter(recipient=PERSONAS_BY_KEY["diego"].email).exists()
        assert MailboxMessage.objects.count() == 0
    page = seat_client(seat).get("/en/corp-billing/forgot-password/").content.decode()
    assert 'data-testid="portal-user-id-elsewhere"' in page


def test_elena_locked_the_portal_user_id(seat):
    states.seat_state_apply(seat=seat, name="elena-portal-locked-out")
    with seat_scope(seat):
        assert PortalLogin.objects.get(user_id="GLOBEX-4471").is_locked()
    client = seat_client(seat)
    page = client.post(
        "/en/corp-billing/", {"user_id": "GLOBEX-4471", "password": "corp-2026"}
    ).content.decode()
    assert "data-outcome" not in page.split("<body", 1)[1].split(">", 1)[0]
    assert 'data-testid="portal-sign-in-error"' in page
    assert "GLOBEX-4471 is locked" in page


def test_the_declined_card_and_its_notice(seat):
    states.seat_state_apply(seat=seat, name="card-declined-on-renewal")
    with seat_scope(seat):
        card = PaymentMethod.objects.get(account__name="Acme Support")
        notice = MailboxMessage.objects.get(subject__startswith="Payment declined")
    assert notice.recipient == PERSONAS_BY_KEY["ana"].email
    assert f"{card.exp_month:02d}/{card.exp_year}" in notice.body
    assert "declined" in notice.body


def test_fernanda_s_reminder_is_in_portuguese_and_in_reais(seat):
    states.seat_state_apply(seat=seat, name="fernanda-brazil")
    with seat_scope(seat):
        reminder = MailboxMessage.objects.get(recipient=PERSONAS_BY_KEY["fernanda"].email)
    assert "R$" in reminder.body
    assert "Olá, Fernanda" in reminder.body


def test_other_seats_are_untouched(sample_data):
    one, other = seat_create(), seat_create()
    before = seat_world(other)
    states.seat_state_apply(seat=one, name="acme-no-billing-admin")
    assert seat_world(other) == before


def test_states_demonstrating_an_outcome():
    assert [s.name for s in states.states_demonstrating(Outcome.AC_2)] == [
        "acme-no-billing-admin",
        "card-declined-on-renewal",
    ]


def test_every_state_names_a_center_and_a_persona_of_the_sample_world():
    for state in states.STATES:
        assert state.persona in PERSONAS_BY_KEY
        assert state.center is not None


# The page that shows each outcome a state names, as its persona opens it.
OUTCOME_PAGES = {
    Outcome.BC_1: "billing/subscriptions/",
    Outcome.AC_1: "billing/subscriptions/?from=admin-center",
    Outcome.BC_2: "billing/wrong-location/",
    Outcome.BC_2A: "billing/my-account/",
    Outcome.BC_2B: "billing/my-account/",
    Outcome.AC_2: "admin-center/add-licenses/",
    Outcome.AC_3: "admin-center/add-licenses/",
}


@pytest.mark.parametrize(
    ("name", "outcome"),
    [(state.name, outcome) for state in states.STATES for outcome in state.outcomes],
)
def test_each_state_s_outcomes_are_shown_in_its_seat(seat, name, outcome):
    """A person of the state's account (its persona's) whose path, asked of decisions.py in
    the seat, reaches the outcome opens its page, in the state's language, and the page
    carries the outcome id."""
    from sandbox.personas import persona_rows

    states.seat_state_apply(seat=seat, name=name)
    state = states.STATES_BY_NAME[name]
    account = next(data.account for data in PERSONAS if data.key == state.persona)
    with seat_scope(seat):
        takers = [
            row.user
            for row in persona_rows()
            if row.user.account.name == account
            and outcome in row.billing_center_path + row.admin_center_path
        ]
    assert takers, f"no persona of {name} reaches {outcome}"
    client = seat_client(seat)
    with seat_scope(seat):
        client.force_login(takers[0])
    response = client.get(f"/{state.language or 'en'}/{OUTCOME_PAGES[outcome]}")
    assert f'data-outcome="{outcome.value}"' in response.content.decode()
