"""Who moves a seat's clock on the pages, without JavaScript (POST forms, then back with a
message): the trainer from the class's board, the person in a seat of no class from the
Clock page; never the default seat, never a class's trainee."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from billing_center.models import Invoice
from sandbox.worlds import seat_create
from seats.models import Seat
from seats.scope import seat_scope

pytestmark = pytest.mark.django_db

RENEWAL = datetime.date(2026, 12, 3)  # Acme's GoToMeeting, from the test settings' start


def seat_clock_url(classroom, number):
    return reverse("classes:seat-clock", kwargs={"code": classroom.code, "number": number})


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def renewals(seat) -> int:
    with seat_scope(seat):
        return Invoice.objects.filter(
            kind=Invoice.Kind.RENEWAL, issued_on__gte="2026-11-21"
        ).count()


def seat_page_url(classroom, number):
    return reverse("classes:seat", kwargs={"code": classroom.code, "number": number})


def test_the_board_shows_each_seat_s_clock_and_its_page_moves_it(trainer_client, classroom):
    board = trainer_client.get(reverse("classes:board", kwargs={"code": classroom.code}))
    assert board.content.decode().count('data-testid="seat-clock" data-today="2026-11-21"') == 3
    assert 'data-testid="seat-clock-form"' not in board.content.decode()  # on the seat's page
    page = trainer_client.get(seat_page_url(classroom, 2)).content.decode()
    assert page.count('data-testid="seat-clock-form"') == 1

    moved = trainer_client.post(seat_clock_url(classroom, 2), {"step": "renewal"}, follow=True)
    assert moved.redirect_chain[-1][0] == seat_page_url(classroom, 2)
    [message] = messages_of(moved)
    assert "seat 2" in message and "2026" in message
    seats = {seat.number: seat for seat in classroom.seats.all()}
    assert seats[2].today == RENEWAL and renewals(seats[2]) == 1
    assert seats[1].today is None and renewals(seats[1]) == 0
    assert f'data-today="{RENEWAL.isoformat()}"' in moved.content.decode()

    trainer_client.post(seat_clock_url(classroom, 2), {"step": "", "today": "2027-01-04"})
    assert Seat.objects.get(pk=seats[2].pk).today == datetime.date(2027, 1, 4)
    trainer_client.post(seat_clock_url(classroom, 2), {"step": "start"})
    assert Seat.objects.get(pk=seats[2].pk).today is None
    assert renewals(seats[2]) == 0


def test_the_seat_page_says_what_is_wrong_with_a_date(trainer_client, classroom):
    refused = trainer_client.post(seat_clock_url(classroom, 1), {"step": "", "today": "2026-11-01"})
    assert refused.status_code == 400
    assert "before the start" in refused.content.decode()
    refused = trainer_client.post(seat_clock_url(classroom, 1), {"step": "", "today": ""})
    assert refused.status_code == 400
    assert "Choose a date" in refused.content.decode()
    assert classroom.seats.get(number=1).today is None


def test_only_the_trainer_moves_a_class_seat_s_clock(client, classroom, trainee):
    maria = trainee(classroom, "Maria")
    url = seat_clock_url(classroom, 1)
    assert maria.post(url, {"step": "day"}).status_code == 302  # to the sign-in
    assert maria.get(reverse("sandbox:clock")).status_code == 403
    assert 'data-testid="nav-clock"' not in maria.get("/en/").content.decode()
    assert classroom.seats.get(number=1).today is None


def test_the_clock_page_of_a_seat_of_no_class(sample_data):
    seat = seat_create()
    browser = Client()
    browser.get(reverse("seats:enter", kwargs={"token": seat.token}))
    home = browser.get("/en/").content.decode()
    assert 'data-testid="nav-clock"' in home

    page = browser.get(reverse("sandbox:clock"))
    assert page.status_code == 200
    assert 'data-today="2026-11-21"' in page.content.decode()

    moved = browser.post(reverse("sandbox:clock"), {"step": "renewal"}, follow=True)
    assert moved.redirect_chain[-1][0] == reverse("sandbox:clock")
    assert f'data-today="{RENEWAL.isoformat()}"' in moved.content.decode()
    assert 'data-testid="seat-today"' in moved.content.decode()  # in the header, on every page
    assert messages_of(moved)
    seat.refresh_from_db()
    assert seat.today == RENEWAL and renewals(seat) == 1

    browser.post(reverse("sandbox:clock"), {"step": "month"})
    seat.refresh_from_db()
    assert seat.today == datetime.date(2027, 1, 3)
    browser.post(reverse("sandbox:clock"), {"today": "2026-12-01"})
    seat.refresh_from_db()
    assert seat.today == datetime.date(2026, 12, 1) and renewals(seat) == 0


def test_the_default_seat_has_no_clock_page(client, sample_data):
    assert client.get(reverse("sandbox:clock")).status_code == 403
    assert client.post(reverse("sandbox:clock"), {"step": "day"}).status_code == 403
    assert 'data-testid="nav-clock"' not in client.get("/en/").content.decode()
    assert Seat.objects.default().today is None
