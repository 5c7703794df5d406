"""The trainer's live board of a class: who may see it, what each seat's row shows once its
trainee reaches outcome pages (driven through the real pages, in the seat), its filters, and
its CSV export."""

import csv
import datetime
import io
import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from accounts.decisions import Outcome
from classes.models import OutcomeReached, PersonaSignedIn
from sandbox.worlds import seat_create
from seats.models import Seat
from seats.scope import seat_scope

from .trainees import seat_client, sign_in_now

pytestmark = pytest.mark.django_db

ROW = re.compile(r'<tr data-testid="seat-row" data-seat="(\d+)" data-outcomes="([^"]*)">')


def board_url(classroom, language="en", **query):
    with translation.override(language):
        url = reverse("classes:board", kwargs={"code": classroom.code})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def rows_shown(response) -> dict[int, list[str]]:
    """Seat number -> the outcome ids of its row's data-outcomes, as the page shows them."""
    assert response.status_code == 200
    return {
        int(seat): outcomes.split() for seat, outcomes in ROW.findall(response.content.decode())
    }


def seats(classroom) -> list[Seat]:
    return list(classroom.seats.order_by("number"))


def test_the_board_is_the_trainer_s_only(client, persona, classroom):
    url = board_url(classroom)
    csv_url = reverse("classes:board-csv", kwargs={"code": classroom.code})
    for path in (url, csv_url):
        signed_out = client.get(path)
        assert signed_out.status_code == 302
        assert signed_out["Location"].startswith(reverse("admin:login"))
        assert f"next={path}" in signed_out["Location"]
    client.force_login(persona("ana"))
    assert client.get(url).status_code == 404
    assert client.get(csv_url).status_code == 404


def test_an_unknown_class_is_a_404(trainer_client, classroom):
    assert trainer_client.get("/en/classes/NOPE42/").status_code == 404


def test_each_row_shows_the_outcomes_its_own_trainee_reached(trainer_client, classroom):
    first, second, third = seats(classroom)
    ana = seat_client(first)
    assert sign_in_now(ana, "ana").context["outcome"] == Outcome.BC_1
    carla = seat_client(second)
    assert sign_in_now(carla, "carla").context["outcome"] == Outcome.BC_2
    assert carla.get(reverse("billing_center:my-account")).context["outcome"] == Outcome.BC_2A

    response = trainer_client.get(board_url(classroom))
    assert rows_shown(response) == {1: ["BC-1"], 2: ["BC-2", "BC-2a"], 3: []}
    content = response.content.decode()
    assert 'data-testid="join-link"' in content
    assert response.context["join_url"] == "http://testserver" + reverse(
        "classes:join", kwargs={"code": classroom.code}
    )
    by_seat = {row.seat.number: row for row in response.context["rows"]}
    assert by_seat[1].persona_names == ["Ana Ortega"]
    assert by_seat[2].persona_names == ["Carla Méndez"]
    assert by_seat[3].persona_names == []
    assert by_seat[1].seat.last_activity_at is not None
    assert by_seat[3].seat.last_activity_at is None  # nobody sat there


def test_the_default_seat_records_nothing(client, trainer_client, classroom):
    assert sign_in_now(client, "ana").context["outcome"] == Outcome.BC_1
    assert not OutcomeReached.objects.exists()
    assert not PersonaSignedIn.objects.exists()
    assert rows_shown(trainer_client.get(board_url(classroom))) == {1: [], 2: [], 3: []}
    assert Seat.objects.default().last_activity_at is None


def test_a_refused_billing_page_records_bc_2_too(classroom):
    """BC-2 is also the 403 every billing admin page answers to others: a page of its own
    view's response, recorded like any outcome page."""
    seat = seats(classroom)[1]
    carla = seat_client(seat)
    sign_in_now(carla, "carla")
    OutcomeReached.objects.all().delete()
    response = carla.get(reverse("billing_center:subscriptions"))
    assert response.status_code == 403 and response.context["outcome"] == Outcome.BC_2
    assert list(OutcomeReached.objects.values_list("seat", "outcome")) == [(seat.pk, "BC-2")]


def test_a_seat_of_no_class_records_its_outcomes_as_before(sample_data):
    """Every seat but the default one records, a seat of no class too (the API's, the
    self-paced course's), as the records always were kept."""
    seat = seat_create(classroom=None)
    assert sign_in_now(seat_client(seat), "ana").context["outcome"] == Outcome.BC_1
    assert list(OutcomeReached.objects.values_list("seat", "outcome")) == [(seat.pk, "BC-1")]


def test_rendering_a_page_records_nothing(classroom):
    """The record is the view's response's (classes.middleware), not the template's: base.html
    rendered with an outcome in a seat of the class writes no row."""
    with seat_scope(seats(classroom)[0]):
        html = render_to_string("base.html", {"outcome": Outcome.BC_1})
    assert 'data-outcome="BC-1"' in html
    assert not OutcomeReached.objects.exists()


def test_the_first_time_an_outcome_is_reached_stays(classroom):
    seat = seats(classroom)[0]
    ana = seat_client(seat)
    sign_in_now(ana, "ana")
    first = OutcomeReached.objects.get(seat=seat, outcome=Outcome.BC_1).reached_at
    ana.get(reverse("billing_center:subscriptions"))
    assert OutcomeReached.objects.filter(seat=seat).count() == 1
    assert OutcomeReached.objects.get(seat=seat, outcome=Outcome.BC_1).reached_at == first


def test_a_seat_reset_keeps_the_outcomes_reached(trainer_client, classroom):
    seat = seats(classroom)[0]
    sign_in_now(seat_client(seat), "ana")
    trainer_client.post(reverse("classes:seat-reset", kwargs={"code": classroom.code, "number": 1}))
    assert rows_shown(trainer_client.get(board_url(classroom)))[1] == ["BC-1"]


def test_outcome_columns_follow_the_tables(trainer_client, classroom):
    sign_in_now(seat_client(seats(classroom)[0]), "ana")
    response = trainer_client.get(board_url(classroom))
    content = response.content.decode()
    headings = re.findall(
        r'<th scope="col" class="outcome-id[^"]*"><abbr title="[^"]*">([^<]+)</abbr>', content
    )
    assert headings == Outcome.values
    row = response.context["rows"][0]
    cells = dict(row.outcome_cells)
    assert cells[Outcome.BC_1] is not None
    assert [outcome for outcome, at in row.outcome_cells if at is None] == Outcome.values[1:]


def _touch(seat, minutes_ago):
    Seat.objects.filter(pk=seat.pk).update(
        last_activity_at=timezone.now() - datetime.timedelta(minutes=minutes_ago)
    )


def test_filter_has_not_reached_an_outcome_yet(trainer_client, classroom):
    first, second, _third = seats(classroom)
    sign_in_now(seat_client(first), "ana")
    sign_in_now(seat_client(second), "carla")
    assert set(rows_shown(trainer_client.get(board_url(classroom, not_reached="BC-1")))) == {
        2,
        3,
    }
    assert set(rows_shown(trainer_client.get(board_url(classroom, not_reached="BC-2")))) == {
        1,
        3,
    }


def test_filter_stuck_for_minutes(trainer_client, classroom):
    first, second, _never_used = seats(classroom)
    _touch(first, minutes_ago=12)
    _touch(second, minutes_ago=2)
    shown = rows_shown(trainer_client.get(board_url(classroom, stuck_minutes=10)))
    assert set(shown) == {1}  # an empty seat is not stuck
    shown = rows_shown(trainer_client.get(board_url(classroom, stuck_minutes=1)))
    assert set(shown) == {1, 2}
    both = trainer_client.get(board_url(classroom, stuck_minutes=1, not_reached="AC-1"))
    assert set(rows_shown(both)) == {1, 2}


def test_a_wrong_filter_is_told_and_every_seat_shown(trainer_client, classroom):
    response = trainer_client.get(board_url(classroom, stuck_minutes=0, not_reached="XX-9"))
    content = response.content.decode()
    assert content.count('data-testid="board-filter-error"') == 2
    assert set(rows_shown(response)) == {1, 2, 3}


def test_a_filter_keeping_no_seat_says_so(trainer_client, classroom):
    response = trainer_client.get(board_url(classroom, stuck_minutes=5))
    assert rows_shown(response) == {}
    assert 'data-testid="board-empty"' in response.content.decode()


def test_the_board_refreshes_itself_only_when_asked(trainer_client, classroom):
    meta = '<meta http-equiv="refresh" content="10">'
    plain = trainer_client.get(board_url(classroom)).content.decode()
    assert meta not in plain
    assert 'data-testid="board-refresh"' in plain and 'data-testid="board-refresh-on"' in plain
    refreshing = trainer_client.get(board_url(classroom, refresh=1, stuck_minutes=5))
    content = refreshing.content.decode()
    assert meta in content
    assert '<input type="hidden" name="refresh" value="1">' in content  # kept by the filters
    assert "stuck_minutes=5" in refreshing.context["refresh_off_url"]
    assert "refresh" not in refreshing.context["refresh_off_url"]


def test_the_board_speaks_each_language(trainer_client, classroom):
    words = {"en": "live board", "es": "tablero en vivo", "pt-br": "painel ao vivo"}
    for language, heading in words.items():
        content = trainer_client.get(board_url(classroom, language)).content.decode()
        assert heading in content


def _csv(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_csv_export_has_the_board_s_columns_and_filters(trainer_client, classroom):
    first, second, _third = seats(classroom)
    Seat.objects.filter(pk=first.pk).update(display_name="=HYPERLINK(1)")
    sign_in_now(seat_client(first), "ana")
    carla = seat_client(second)
    sign_in_now(carla, "carla")
    carla.get(reverse("billing_center:my-account"))
    with translation.override("en"):
        url = reverse("classes:board-csv", kwargs={"code": classroom.code})

    header, *lines = _csv(trainer_client.get(url))
    assert header == [
        "Seat",
        "Trainee",
        "Last activity",
        "Personas signed in",
        "Locked personas",
        "Orders placed",
        "Of them in the portal",
        *Outcome.values,
    ]
    assert [line[0] for line in lines] == ["1", "2", "3"]
    one, two, three = (dict(zip(header, line, strict=True)) for line in lines)
    assert one["Trainee"] == "'=HYPERLINK(1)"  # text to a spreadsheet, never a formula
    assert one["Personas signed in"] == "Ana Ortega"
    assert datetime.datetime.fromisoformat(one["BC-1"]).tzinfo is not None
    assert one["BC-2"] == ""
    assert two["BC-2"] and two["BC-2a"] and not two["BC-1"]
    assert two["Personas signed in"] == "Carla Méndez"
    assert three["Last activity"] == "" and three["Orders placed"] == "0"

    _header, *kept = _csv(trainer_client.get(url + "?not_reached=BC-1"))
    assert [line[0] for line in kept] == ["2", "3"]
    with translation.override("es"):
        spanish = reverse("classes:board-csv", kwargs={"code": classroom.code})
    assert _csv(trainer_client.get(spanish))[0][:2] == ["Puesto", "Participante"]
