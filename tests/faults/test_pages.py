"""The trainer's pages of the faults: the answer key, a seat's switches, the board's mark."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from classes.services import class_create, class_end
from faults.catalog import FAULTS
from faults.models import SeatFault
from faults.services import seat_faults_set
from sandbox.services import sandbox_reset
from sandbox.worlds import seat_reset

from .helpers import seat_browser, signed_in

pytestmark = pytest.mark.django_db


def _seat_url(seat):
    return reverse("faults:seat", args=[seat.classroom.code, seat.number])


def _board(client, classroom) -> str:
    response = client.get(reverse("classes:board", args=[classroom.code]))
    assert response.status_code == 200
    return response.content.decode()


def _row(html: str, number: int) -> str:
    found = re.search(rf'<tr data-testid="seat-row" data-seat="{number}".*?</tr>', html, re.S)
    assert found, f"no row for seat {number}"
    return found[0]


def test_the_answer_key_lists_every_fault_with_what_is_wrong_and_right(trainer_client, seats):
    seat_faults_set(seat=seats[1], fault_ids=["F6-total-off-by-one"])
    response = trainer_client.get(reverse("faults:answer-key"))
    assert response.status_code == 200
    html = response.content.decode()
    rows = re.findall(r'data-testid="fault-row" data-fault="([^"]+)"', html)
    assert rows == [fault.id for fault in FAULTS]
    for fault in FAULTS:
        assert str(fault.wrong).split("(")[0].strip()[:40] in html.replace("&#x27;", "'")
    [listed] = re.findall(r'data-testid="fault-seat" data-seat-id="(\d+)"', html)
    assert int(listed) == seats[1].pk
    assert "F6-total-off-by-one" in html


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("en", "Faults: the answer key"),
        ("es", "Fallos: la clave de respuestas"),
        ("pt-br", "Falhas: o gabarito"),
    ],
)
def test_the_answer_key_is_translated(trainer_client, sample_data, language, heading):
    response = trainer_client.get(f"/{language}/faults/")
    assert f"<h1>{heading}</h1>" in response.content.decode()


def test_the_trainer_pages_are_the_trainers_only(seats, persona):
    paths = [reverse("faults:answer-key"), _seat_url(seats[0])]
    signed_out = Client()
    for path in paths:
        response = signed_out.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    ana = Client()
    ana.force_login(persona("ana"))
    for path in paths:
        assert ana.get(path).status_code == 404
    assert ana.post(_seat_url(seats[0]), {"faults": ["F7-server-error"]}).status_code == 404
    assert not SeatFault.objects.exists()


def test_the_trainer_switches_a_seats_faults_and_the_board_marks_it(trainer_client, seats):
    mine, other = seats
    form = trainer_client.get(_seat_url(mine)).content.decode()
    assert form.count('type="checkbox"') == len(FAULTS)
    assert "checked" not in form

    response = trainer_client.post(
        _seat_url(mine), {"faults": ["F1-wrong-billing-admin", "F5-unlabelled-field"]}
    )
    assert response.status_code == 302
    # Back to the seat's page of the class, which holds the same switches.
    assert response["Location"] == reverse("classes:seat", args=[mine.classroom.code, mine.number])
    assert sorted(SeatFault.objects.filter(seat=mine).values_list("fault", flat=True)) == [
        "F1-wrong-billing-admin",
        "F5-unlabelled-field",
    ]
    assert not SeatFault.objects.filter(seat=other).exists()

    board = _board(trainer_client, mine.classroom)
    assert 'data-testid="seat-faults-on"' in _row(board, mine.number)
    assert "2 faults on" in _row(board, mine.number)
    assert 'data-testid="seat-faults-on"' not in _row(board, other.number)
    seat_page = reverse("classes:seat", args=[other.classroom.code, other.number])
    assert seat_page in _row(board, other.number)  # the switches are on the seat's page
    switches = trainer_client.get(seat_page).content.decode()
    assert f'action="{_seat_url(other)}"' in switches
    assert 'data-testid="seat-faults-form"' in switches

    form = trainer_client.get(_seat_url(mine)).content.decode()
    assert form.count("checked") == 2

    trainer_client.post(_seat_url(mine), {})  # nothing ticked: every fault off
    assert not SeatFault.objects.exists()
    assert 'data-testid="seat-faults-on"' not in _board(trainer_client, mine.classroom)


def test_an_unknown_fault_is_refused_on_the_form(trainer_client, seats):
    response = trainer_client.post(_seat_url(seats[0]), {"faults": ["F9-nothing"]})
    assert response.status_code == 400
    assert 'data-testid="seat-faults-error"' in response.content.decode()
    assert not SeatFault.objects.exists()


def test_a_seat_of_no_class_has_no_switches_page(trainer_client, seats):
    assert trainer_client.get("/en/classes/NOPE/seats/1/faults/").status_code == 404
    code = seats[0].classroom.code
    assert trainer_client.get(f"/en/classes/{code}/seats/9/faults/").status_code == 404


def test_the_trainers_navigation_leads_to_the_answer_key_and_nobody_elses(trainer_client, seats):
    link = f'href="{reverse("faults:answer-key")}"'
    assert link in trainer_client.get("/en/").content.decode()
    trainee = signed_in(seat_browser(seats[0]), "ana")
    assert link not in trainee.get("/en/").content.decode()
    assert link not in Client().get("/en/").content.decode()


def test_resetting_a_seat_keeps_its_faults_and_ending_the_class_deletes_them(seats, persona):
    """The faults are the trainer's settings of the seat, not its sample world."""
    mine, other = seats
    seat_faults_set(seat=mine, fault_ids=["F7-server-error"])
    seat_reset(seat=mine, actor=persona("trainer"))
    assert list(SeatFault.objects.values_list("seat", "fault")) == [(mine.pk, "F7-server-error")]
    class_end(classroom=mine.classroom)
    assert not SeatFault.objects.exists()

    seat = class_create(name="Another", seat_count=1, language="en").seats.get()
    seat_faults_set(seat=seat, fault_ids=["F7-server-error"])
    sandbox_reset(actor_email="trainer@sandbox.example")
    assert not SeatFault.objects.exists()
