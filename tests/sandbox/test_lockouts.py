"""The trainer's Lockouts page, and Reset clearing every lock."""

import datetime
import io

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import Activity
from corp_portal.models import PortalLogin
from sandbox.sample_data import PERSONAS_BY_KEY

pytestmark = pytest.mark.django_db

PASSWORD = "sandbox-2026"
ANA = PERSONAS_BY_KEY["ana"].email
BRUNO = PERSONAS_BY_KEY["bruno"].email
HEADINGS = {"en": "Lockouts", "es": "Bloqueos", "pt-br": "Bloqueios"}


def key(kind, identity, seat=None):
    """A lock's key on the Lockouts page: of one seat (the default seat's by default)."""
    from seats.models import Seat

    return f"{kind}:{(seat or Seat.objects.default()).pk}:{identity}"


def lockouts_url(language="en"):
    with translation.override(language):
        return reverse("sandbox:lockouts")


def sign_in(email, password, client=None):
    return (client or Client()).post(
        "/en/billing/sign-in/", {"username": email, "password": password}
    )


def lock(email):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(email, "typo")
    assert sign_in(email, PASSWORD).status_code == 429


def lock_portal(user_id="GLOBEX-4471"):
    login = PortalLogin.objects.get(user_id=user_id)
    login.locked_until = timezone.now() + datetime.timedelta(minutes=10)
    login.failed_attempts = 0
    login.save()


@pytest.mark.parametrize("language", HEADINGS)
def test_the_trainer_sees_every_lock_in_each_language(trainer_client, language):
    lock(ANA)
    lock_portal()
    response = trainer_client.get(lockouts_url(language))
    assert response.status_code == 200
    content = response.content.decode()
    assert f"<h1>{HEADINGS[language]}</h1>" in content
    assert {lockout.key for lockout in response.context["lockouts"]} == {
        key("logmein", ANA),
        key("portal", "GLOBEX-4471"),
    }
    assert content.count('data-testid="lockout-row"') == 2
    assert BRUNO not in content


def test_the_page_is_the_trainer_s_only(client, persona):
    signed_out = client.get(lockouts_url())
    assert signed_out.status_code == 302 and "next=" in signed_out["Location"]
    client.force_login(persona("ana"))
    assert client.get(lockouts_url()).status_code == 404
    assert client.post(lockouts_url(), {"all": "1"}).status_code == 404
    assert 'data-testid="nav-lockouts"' not in client.get("/en/").content.decode()


def test_the_trainer_s_navigation_and_home_link_to_it(trainer_client):
    content = trainer_client.get("/es/").content.decode()
    assert f'href="{lockouts_url("es")}" data-testid="nav-lockouts"' in content
    assert 'data-testid="open-lockouts"' in content


def test_clearing_one_lock_lets_that_id_sign_in_and_leaves_the_others(trainer_client):
    lock(ANA)
    lock(BRUNO)
    response = trainer_client.post(lockouts_url(), {"lockout": key("logmein", ANA)})
    assert response.status_code == 302 and response["Location"] == lockouts_url()
    assert sign_in(ANA, PASSWORD).status_code == 302
    assert sign_in(BRUNO, PASSWORD).status_code == 429
    activity = Activity.objects.get(action="sign_in_lockout_cleared")
    assert activity.actor_label == PERSONAS_BY_KEY["trainer"].email and ANA in activity.summary


def test_clearing_a_portal_lock(trainer_client):
    lock_portal()
    trainer_client.post(lockouts_url(), {"lockout": key("portal", "GLOBEX-4471")})
    assert not PortalLogin.objects.get(user_id="GLOBEX-4471").is_locked()
    assert Activity.objects.filter(action="portal_lockout_cleared").exists()


def test_clear_all(trainer_client):
    lock(ANA)
    lock(BRUNO)
    lock_portal()
    response = trainer_client.post(lockouts_url(), {"all": "1"}, follow=True)
    assert 'data-testid="lockout-none"' in response.content.decode()
    assert not AccessAttempt.objects.exists()
    assert sign_in(BRUNO, PASSWORD).status_code == 302


def test_an_unknown_or_ended_lock_changes_nothing(trainer_client):
    lock(ANA)
    response = trainer_client.post(lockouts_url(), {"lockout": key("logmein", "nobody@x.example")})
    assert response.status_code == 302
    assert sign_in(ANA, PASSWORD).status_code == 429
    assert not Activity.objects.exists()


def test_clearing_needs_the_csrf_token(persona):
    lock(ANA)
    client = Client(enforce_csrf_checks=True)
    client.force_login(persona("trainer"))
    assert client.post(lockouts_url(), {"all": "1"}).status_code == 403
    assert sign_in(ANA, PASSWORD).status_code == 429


def test_reset_clears_every_lock(trainer_client):
    lock(ANA)
    lock_portal()
    response = trainer_client.post(reverse("sandbox:reset"))
    assert response.status_code == 302
    assert sign_in(ANA, PASSWORD).status_code == 302
    assert not PortalLogin.objects.get(user_id="GLOBEX-4471").is_locked()


def test_reset_sandbox_command_clears_every_lock(sample_data):
    lock(BRUNO)
    call_command("reset_sandbox", stdout=io.StringIO())
    assert not AccessAttempt.objects.exists()
    assert sign_in(BRUNO, PASSWORD).status_code == 302


# --- Lockouts count per seat: one trainee's typos lock only their own seat's persona. ---


def seat_client(seat) -> Client:
    """A browser in `seat`, entered by its join URL (the default seat needs none)."""
    client = Client()
    if not seat.is_default:
        assert client.get(reverse("seats:enter", args=[seat.token])).status_code == 302
    return client


def portal_sign_in(password, client):
    return client.post(
        reverse("corp_portal:sign-in"), {"user_id": "GLOBEX-4471", "password": password}
    )


@pytest.fixture
def three_seats(sample_data):
    """The default seat and two seats of one class, by name."""
    from classes.services import class_create
    from seats.models import Seat

    first, second = class_create(name="Lockouts", seat_count=2, language="en").seats.all()
    return {"default": Seat.objects.default(), "seat 1": first, "seat 2": second}


@pytest.mark.parametrize("locked", ["seat 1", "default"])
def test_wrong_passwords_lock_ana_in_her_own_seat_only(three_seats, locked):
    seat = three_seats[locked]
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(ANA, "typo", seat_client(seat))
    refused = sign_in(ANA, PASSWORD, seat_client(seat))
    assert refused.status_code == 429
    # The lockout page names the LogMeIn ID as the trainee typed it, not the seat's identity.
    assert ANA in refused.content.decode() and "seat" not in refused.context["identity"]
    for name, other in three_seats.items():
        if name != locked:
            assert sign_in(ANA, PASSWORD, seat_client(other)).status_code == 302, name
            admin_center = seat_client(other).post(
                reverse("admin_center:sign-in"), {"username": ANA, "password": PASSWORD}
            )
            assert admin_center.status_code == 302, name


def test_a_seats_lock_is_listed_and_cleared_in_that_seat_only(three_seats, trainer_client):
    from sandbox.lockouts import lockouts_active

    first, second = three_seats["seat 1"], three_seats["seat 2"]
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(ANA, "typo", seat_client(first))
    assert [lock.key for lock in lockouts_active(seats=[first])] == [key("logmein", ANA, first)]
    assert lockouts_active(seats=[second, three_seats["default"]]) == []
    # The trainer's Lockouts page lists it, with its class and seat, and clears it.
    page = trainer_client.get(lockouts_url())
    assert [lock.key for lock in page.context["lockouts"]] == [key("logmein", ANA, first)]
    assert "Lockouts, seat 1" in page.content.decode()
    trainer_client.post(lockouts_url(), {"all": "1"})
    assert sign_in(ANA, PASSWORD, seat_client(first)).status_code == 302


@pytest.mark.parametrize("locked", ["seat 1", "default"])
def test_wrong_portal_passwords_lock_the_user_id_in_its_own_seat_only(three_seats, locked):
    from corp_portal.models import MAX_FAILED_ATTEMPTS

    seat = three_seats[locked]
    for _ in range(MAX_FAILED_ATTEMPTS):
        portal_sign_in("typo", seat_client(seat))
    assert portal_sign_in("corp-2026", seat_client(seat)).status_code == 200  # refused
    for name, other in three_seats.items():
        if name != locked:
            assert portal_sign_in("corp-2026", seat_client(other)).status_code == 302, name
    logins = PortalLogin._base_manager.filter(user_id="GLOBEX-4471")
    assert sorted(login.is_locked() for login in logins) == [False, False, True]


# --- The Lockouts page: every lock of every seat, each cleared in its own seat. ---


def lock_in(seat, email):
    browser = seat_client(seat)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(email, "typo", browser)


def lock_portal_in(seat):
    from corp_portal.models import MAX_FAILED_ATTEMPTS

    browser = seat_client(seat)
    for _ in range(MAX_FAILED_ATTEMPTS):
        portal_sign_in("typo", browser)


@pytest.fixture
def seats_of_every_kind(three_seats):
    """The default seat, two seats of a class, and a seat of no class (a course's, an API's)."""
    from sandbox.worlds import seat_create

    return {**three_seats, "no class": seat_create()}


def test_the_page_lists_every_lock_of_every_seat_with_its_class_and_seat(
    seats_of_every_kind, trainer_client
):
    carla = PERSONAS_BY_KEY["carla"].email
    seats = seats_of_every_kind
    lock_in(seats["seat 2"], carla)
    lock_in(seats["default"], ANA)
    lock_portal_in(seats["seat 1"])
    lock_in(seats["no class"], BRUNO)
    response = trainer_client.get(lockouts_url())
    rows = [(str(lock.seat), lock.key) for lock in response.context["lockouts"]]
    assert rows == [  # by seat: the default seat, the class's seats, the seats of no class
        ("Default seat", key("logmein", ANA, seats["default"])),
        ("Lockouts, seat 1", key("portal", "GLOBEX-4471", seats["seat 1"])),
        ("Lockouts, seat 2", key("logmein", carla, seats["seat 2"])),
        (f"Seat {seats['no class'].pk}", key("logmein", BRUNO, seats["no class"])),
    ]
    content = response.content.decode()
    assert content.count('data-testid="lockout-row"') == 4
    assert content.count('data-testid="lockout-seat"') == 4
    assert "Lockouts, seat 2" in content and 'data-testid="lockout-none"' not in content


@pytest.mark.parametrize("kind", ["logmein", "portal"])
def test_clearing_a_seat_s_lock_clears_exactly_that_seat_s(
    seats_of_every_kind, trainer_client, kind
):
    seats = seats_of_every_kind
    for seat in seats.values():
        lock_portal_in(seat) if kind == "portal" else lock_in(seat, ANA)
    identity = "GLOBEX-4471" if kind == "portal" else ANA
    cleared = seats["seat 2"]
    response = trainer_client.post(lockouts_url(), {"lockout": key(kind, identity, cleared)})
    assert response.status_code == 302
    left = [lock.seat for lock in trainer_client.get(lockouts_url()).context["lockouts"]]
    assert sorted(seat.pk for seat in left) == sorted(
        seat.pk for seat in seats.values() if seat != cleared
    )
    if kind == "logmein":
        assert sign_in(ANA, PASSWORD, seat_client(cleared)).status_code == 302
        assert sign_in(ANA, PASSWORD, seat_client(seats["seat 1"])).status_code == 429
    # Recorded in the cleared seat's own activity.
    assert Activity._base_manager.get(action__endswith="lockout_cleared").seat_id == cleared.pk


def test_clear_all_clears_every_seat(seats_of_every_kind, trainer_client):
    for seat in seats_of_every_kind.values():
        lock_in(seat, ANA)
        lock_portal_in(seat)
    trainer_client.post(lockouts_url(), {"all": "1"})
    assert trainer_client.get(lockouts_url()).context["lockouts"] == []
    assert not AccessAttempt.objects.exists()
    assert not PortalLogin._base_manager.filter(locked_until__isnull=False).exists()


def test_the_page_costs_the_same_queries_for_one_locked_seat_or_many(sample_data, trainer_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from classes.services import class_create
    from sandbox.worlds import seat_create

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert trainer_client.get(lockouts_url()).status_code == 200
        return len(captured)

    first = class_create(name="Few", seat_count=1, language="en").seats.get()
    lock_in(first, ANA)
    lock_portal_in(first)
    few = queries()
    many = [*class_create(name="Many", seat_count=3, language="en").seats.all(), seat_create()]
    for seat in many:
        lock_in(seat, ANA)
        lock_portal_in(seat)
    lock(BRUNO)  # the default seat
    assert len(trainer_client.get(lockouts_url()).context["lockouts"]) == 11
    assert queries() == few


def test_a_seat_reset_removes_exactly_that_seat_s_lockouts(three_seats):
    """sandbox/worlds.py::seat_reset: the seat's persona and portal locks go, another
    seat's and the default seat's stay."""
    from sandbox.lockouts import lockouts_active
    from sandbox.worlds import seat_reset

    for seat in three_seats.values():
        lock_in(seat, ANA)
        lock_portal_in(seat)
    reset, kept = three_seats["seat 1"], three_seats["seat 2"]
    seat_reset(seat=reset)
    locked = {(lock.seat.pk, lock.kind) for lock in lockouts_active()}
    assert locked == {
        (seat.pk, kind) for seat in (kept, three_seats["default"]) for kind in ("logmein", "portal")
    }
    assert sign_in(ANA, PASSWORD, seat_client(reset)).status_code == 302
    assert portal_sign_in("corp-2026", seat_client(reset)).status_code == 302
    assert sign_in(ANA, PASSWORD, seat_client(kept)).status_code == 429


def test_names_typed_by_the_hundred_are_summed_by_the_database_not_read(sample_data):
    """Anyone may type any LogMeIn ID: the failures of 300 names that lock nothing are added
    up by the database, so the Lockouts page reads the one locked identity, not 301 rows."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sandbox.lockouts import lockouts_active

    now = timezone.now()
    AccessAttempt.objects.bulk_create(
        AccessAttempt(
            username=f"default:nobody{n}@example.com",
            ip_address="10.0.0.9",
            user_agent="x",
            failures_since_start=1,
            attempt_time=now,
        )
        for n in range(300)
    )
    lock(ANA)
    with CaptureQueriesContext(connection) as queries:
        locks = lockouts_active()
    assert [found.identity for found in locks] == [ANA]
    read = [
        query["sql"] for query in queries.captured_queries if "axes_accessattempt" in query["sql"]
    ]
    assert read and all("SUM" in sql.upper() and "HAVING" in sql.upper() for sql in read)


# --- sandbox.lockouts.LockoutHandler: django-axes's handler, without work that changes nothing ---


def _axes_statements(captured) -> list[str]:
    return [query["sql"] for query in captured if "axes_accessattempt" in query["sql"]]


def test_a_good_sign_in_forgets_the_typos_before_it(sample_data):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(ANA, "typo")
    assert AccessAttempt.objects.filter(username__endswith=ANA).exists()
    assert sign_in(ANA, PASSWORD).status_code == 302
    assert not AccessAttempt.objects.filter(username__endswith=ANA).exists()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(ANA, "typo")
    assert sign_in(ANA, PASSWORD).status_code == 302  # counted from zero again: not locked


def test_a_good_sign_in_without_typos_only_counts_them(sample_data):
    """No clean-up of expired attempts and nothing to forget: the one statement about attempts
    is the count that decides whether the sign-in is locked."""
    with CaptureQueriesContext(connection) as captured:
        assert sign_in(ANA, PASSWORD).status_code == 302
    statements = _axes_statements(captured)
    assert len(statements) == 1 and "SUM" in statements[0].upper()


def test_a_sign_out_asks_nothing_of_django_axes(sample_data):
    browser = Client()
    sign_in(ANA, PASSWORD, browser)
    with CaptureQueriesContext(connection) as captured:
        browser.post(reverse("billing_center:sign-out"))
    assert _axes_statements(captured) == []
    assert "_auth_user_id" not in browser.session


def test_a_failure_after_the_cool_off_counts_from_one(sample_data):
    """Expired attempts are still cleaned where they matter, before a failure is added: typos
    of an hour ago do not add up with today's."""
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(ANA, "typo")
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME * 2)
    sign_in(ANA, "typo")
    attempt = AccessAttempt.objects.get(username__endswith=ANA)
    assert attempt.failures_since_start == 1
