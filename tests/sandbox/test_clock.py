"""A clock per seat (sandbox/clock.py): what moving a seat's today brings, once, in that seat
only, and what moving it back takes away. The test settings start the sandbox on 2026-11-21:
Acme's GoToMeeting (monthly, Ana's card) renews on 2026-12-03, Globex's portal invoices come
on the 1st, Diego holds Globex's portal login."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.clock import CLOCK_WINDOW_YEARS, sandbox_last_day, sandbox_start, sandbox_today
from accounts.models import Activity, Subscription
from billing_center.models import Invoice, PaymentMethod
from billing_center.services import subscription_cancel
from corp_portal.models import Invoice as PortalInvoice
from sandbox.clock import ClockStep, seat_clock_move, seat_clock_step, seat_clock_target
from sandbox.models import MailboxMessage
from sandbox.sample_data import PERSONAS_BY_KEY
from sandbox.worlds import seat_create
from seats.models import Seat
from seats.scope import seat_scope

pytestmark = pytest.mark.django_db

START = datetime.date(2026, 11, 21)
ACME_RENEWAL = datetime.date(2026, 12, 3)
ANA = PERSONAS_BY_KEY["ana"].email
DIEGO = PERSONAS_BY_KEY["diego"].email


@pytest.fixture
def seat(sample_data):
    return seat_create()


def meeting(seat) -> Subscription | None:
    with seat_scope(seat):
        return Subscription.objects.filter(
            account__name="Acme Support", product__code="gotomeeting"
        ).first()


def renewal_invoices(seat) -> list[Invoice]:
    with seat_scope(seat):
        return list(Invoice.objects.filter(kind=Invoice.Kind.RENEWAL, issued_on__gte=START))


def mail(seat, to: str, subject_part: str) -> list[MailboxMessage]:
    with seat_scope(seat):
        return list(MailboxMessage.objects.filter(recipient=to, subject__contains=subject_part))


def test_the_start_date_is_the_test_settings_one():
    assert sandbox_start() == START


def test_next_renewal_is_acme_s_monthly_subscription(seat):
    assert seat_clock_target(seat=seat, step=ClockStep.RENEWAL) == ACME_RENEWAL


def test_forward_to_the_next_renewal_charges_and_emails_once(seat):
    seat = seat_clock_step(seat=seat, step=ClockStep.RENEWAL)

    assert seat.today == ACME_RENEWAL
    [invoice] = renewal_invoices(seat)
    assert (invoice.product.code, invoice.issued_on, invoice.quantity) == (
        "gotomeeting",
        ACME_RENEWAL,
        5,
    )
    assert invoice.period_end == datetime.date(2027, 1, 3)
    assert invoice.total == invoice.unit_price * 5
    assert meeting(seat).renewal_date == datetime.date(2027, 1, 3)
    [email] = mail(seat, ANA, "Renewal invoice")
    assert invoice.number in email.subject and invoice.number in email.body

    # The same date again, then a day later: nothing more.
    seat_clock_move(seat=seat, today=ACME_RENEWAL)
    seat = seat_clock_step(seat=seat, step=ClockStep.DAY)
    assert seat.today == ACME_RENEWAL + datetime.timedelta(days=1)
    assert len(renewal_invoices(seat)) == 1
    assert len(mail(seat, ANA, "Renewal invoice")) == 1


def test_moving_back_removes_what_time_brought(seat):
    seat = seat_clock_move(seat=seat, today=datetime.date(2026, 12, 10))
    assert len(renewal_invoices(seat)) == 2  # Acme's GoToMeeting, Paulista's GoToAssist

    seat = seat_clock_move(seat=seat, today=ACME_RENEWAL - datetime.timedelta(days=1))
    assert seat.today == datetime.date(2026, 12, 2)
    assert renewal_invoices(seat) == []
    assert mail(seat, ANA, "Renewal invoice") == []
    assert meeting(seat).renewal_date == ACME_RENEWAL
    assert len(mail(seat, DIEGO, "GLX-202612")) == 1  # the 1st of December was passed again

    seat = seat_clock_step(seat=seat, step=ClockStep.START)
    assert seat.today is None
    assert mail(seat, DIEGO, "GLX-202612") == []
    with seat_scope(seat):
        assert not PortalInvoice.objects.filter(number="GLX-202612").exists()


def test_a_pending_cancellation_ends_at_the_end_of_its_term(seat, persona):
    with seat_scope(seat):
        ana = persona("ana")
        subscription_cancel(actor=ana, account=ana.account, subscription_id=meeting(seat).pk)

    seat_clock_move(seat=seat, today=ACME_RENEWAL - datetime.timedelta(days=1))
    assert meeting(seat).status == Subscription.Status.PENDING_CANCELLATION

    seat_clock_move(seat=seat, today=ACME_RENEWAL)
    assert meeting(seat) is None
    assert renewal_invoices(seat) == []
    with seat_scope(seat):
        assert Activity.objects.filter(action="subscription_ended").count() == 1


def test_an_expired_card_is_declined_with_a_notice_and_no_invoice(seat):
    with seat_scope(seat):
        PaymentMethod.objects.filter(account__name="Acme Support").update(
            exp_month=10, exp_year=2026
        )

    # Past Paulista's renewal (2026-12-08) too: a day the Billing Center passes again.
    seat_clock_move(seat=seat, today=datetime.date(2026, 12, 10))
    assert [i.account.name for i in renewal_invoices(seat)] == ["Suporte Paulista Ltda."]
    assert meeting(seat).renewal_date == ACME_RENEWAL  # stays as it was
    assert meeting(seat).status == Subscription.Status.ACTIVE
    assert len(mail(seat, ANA, "Payment declined")) == 1

    # A new card: the next day the clock passes renews it.
    with seat_scope(seat):
        PaymentMethod.objects.filter(account__name="Acme Support").update(exp_year=2030)
    seat_clock_move(seat=seat, today=datetime.date(2026, 12, 11))
    assert sorted(i.account.name for i in renewal_invoices(seat)) == [
        "Acme Support",
        "Suporte Paulista Ltda.",
    ]
    assert meeting(seat).renewal_date == datetime.date(2027, 1, 3)
    assert len(mail(seat, ANA, "Payment declined")) == 1


def test_corporate_accounts_get_their_monthly_portal_invoice(seat):
    seat_clock_move(seat=seat, today=datetime.date(2026, 12, 1))

    with seat_scope(seat):
        december = PortalInvoice.objects.get(number="GLX-202612")
        november = PortalInvoice.objects.get(number="GLX-202611")
        lines = list(december.lines.all())
    assert december.status == PortalInvoice.Status.OPEN
    assert november.status == PortalInvoice.Status.PAID
    assert december.total == sum(line.amount for line in lines) > 0
    [email] = mail(seat, DIEGO, "GLX-202612")
    assert "GLOBEX-4471" in email.body


def test_a_move_across_the_whole_window(seat):
    last = sandbox_last_day()
    assert last == datetime.date(2026 + CLOCK_WINDOW_YEARS, 11, 21)
    seat_clock_move(seat=seat, today=last)
    with seat_scope(seat):
        renewals = Invoice.objects.filter(
            kind=Invoice.Kind.RENEWAL,
            issued_on__gte=START,
            account__name="Acme Support",
            product__code="gotoassist-rs5",
        )
        years = range(2027, last.year + 1)
        assert sorted(i.issued_on.year for i in renewals) == list(years)
        assert PortalInvoice.objects.filter(number=f"GLX-{last:%Y}11").exists()


@pytest.mark.parametrize(
    "today, code",
    [
        (datetime.date(9999, 12, 31), "after_window"),
        (datetime.date(1, 1, 1), "before_start"),
        (START - datetime.timedelta(days=1), "before_start"),
        (datetime.date(2026 + CLOCK_WINDOW_YEARS, 11, 22), "after_window"),
    ],
)
def test_a_date_outside_the_window_is_refused_about_today(seat, today, code):
    with CaptureQueriesContext(connection) as queries, pytest.raises(ValidationError) as refused:
        seat_clock_move(seat=seat, today=today)
    assert [error.code for error in refused.value.error_dict["today"]] == [code]
    assert len(queries) <= 3  # refused before any work: the savepoint's own statements
    seat.refresh_from_db()
    assert seat.today is None


def test_one_long_move_writes_what_a_month_at_a_time_writes(seat):
    """The replay visits only the days something happens, and on each only the parts due:
    the same invoices, emails and activity as moving one month at a time."""
    stepped = seat_create()
    until = datetime.date(2027, 11, 21)
    seat_clock_move(seat=seat, today=until)
    while seat_today_of(stepped) < until:
        seat_clock_step(seat=stepped, step=ClockStep.MONTH)
    assert seat_today_of(stepped) == until
    assert written(seat) == written(stepped)


def seat_today_of(seat) -> datetime.date:
    seat.refresh_from_db()
    return seat.today or START


def written(seat) -> dict:
    with seat_scope(seat):
        return {
            "invoices": sorted(
                Invoice.objects.values_list("kind", "issued_on", "total", "product__code")
            ),
            "portal": sorted(PortalInvoice.objects.values_list("number", "total", "status")),
            "mail": sorted(
                (recipient, re.sub(r"INV-\d+-\d+", "INV-n", subject))
                for recipient, subject in MailboxMessage.objects.values_list("recipient", "subject")
            ),
            "activity": sorted(Activity.objects.values_list("action", "account__name")),
            "renewal dates": sorted(
                Subscription.objects.values_list("account__name", "product__code", "renewal_date")
            ),
        }


def test_another_seat_and_the_default_one_are_unchanged(seat):
    other = seat_create()
    default = Seat.objects.default()

    def counts(s):
        with seat_scope(s):
            return (Invoice.objects.count(), MailboxMessage.objects.count())

    before = {s.pk: counts(s) for s in (other, default)}
    seat_clock_move(seat=seat, today=datetime.date(2027, 2, 1))

    assert {s.pk: counts(s) for s in (other, default)} == before
    other.refresh_from_db()
    assert other.today is None
    assert counts(seat) != before[other.pk]


def test_the_default_seat_s_clock_does_not_move(sample_data):
    with pytest.raises(ValidationError):
        seat_clock_move(seat=Seat.objects.default(), today=ACME_RENEWAL)
    assert Seat.objects.default().today is None


def test_the_clock_does_not_go_before_the_start(seat):
    with pytest.raises(ValidationError):
        seat_clock_move(seat=seat, today=START - datetime.timedelta(days=1))


def test_sandbox_today_is_the_current_seat_s_without_a_query(seat):
    seat = seat_clock_move(seat=seat, today=ACME_RENEWAL)
    with seat_scope(seat), CaptureQueriesContext(connection) as queries:
        assert sandbox_today() == ACME_RENEWAL
    assert len(queries) == 0
    with seat_scope(seat.pk):  # by its id only: read when asked
        assert sandbox_today() == ACME_RENEWAL
    assert sandbox_today() == START  # the default seat
