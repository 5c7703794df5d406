"""A seat is its trainee's (issue 24): only the trainee gets it back, wrong codes wait, the
trainer frees, renames and lets in from the board, and no link switches a browser by GET."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from classes.join_views import JOIN_CODE_MISSES, REJOIN_CODE_MISSES
from seats.models import Seat
from seats.scope import seat_scope
from tests.classes.trainees import join, seat_of, url

pytestmark = pytest.mark.django_db


def rejoin(browser, classroom, name, code):
    return browser.post(
        url("classes:join-rejoin", code=classroom.code), {"display_name": name, "rejoin_code": code}
    )


# -- only the trainee gets the seat back ---------------------------------------------------


def test_typing_a_trainees_name_does_not_take_over_their_seat(make_classroom, trainee):
    monday = make_classroom(seats=2)
    victim = trainee(monday, "Maria")
    seat = seat_of(victim)
    taker = Client()
    join(taker, monday, "MARIA")
    assert seat_of(taker) is None
    # Without the seat, the taker cannot reach its Reset my seat either.
    taker.post(url("classes:my-seat-reset"))
    assert seat_of(victim) == seat
    assert "Rejoin code" in victim.get("/en/").content.decode()


def test_the_first_device_gets_its_seat_back_by_name_after_leaving(make_classroom, trainee):
    monday = make_classroom(seats=2)
    laptop = trainee(monday, "Maria")
    seat = seat_of(laptop)
    laptop.post(url("classes:my-seat-leave"))
    laptop.cookies.pop("sessionid", None)  # even a new session: the seat's cookie stays
    join(laptop, monday, "maria")
    assert seat_of(laptop) == seat


def test_the_rejoin_code_in_the_seats_header_gives_the_seat_back_on_another_device(
    make_classroom, trainee
):
    monday = make_classroom(seats=2)
    laptop = trainee(monday, "Maria")
    seat = seat_of(laptop)
    header = laptop.get("/en/").content.decode()
    assert f'data-testid="seat-rejoin-code" data-code="{seat.rejoin_code}"' in header
    phone = Client()
    wrong = rejoin(phone, monday, "Maria", "AAAAAA" if seat.rejoin_code != "AAAAAA" else "BBBBBB")
    assert "This is not the rejoin code of that seat." in wrong.content.decode()
    assert seat_of(phone) is None
    response = rejoin(phone, monday, "maria", seat.rejoin_code.lower())
    assert response.status_code == 302
    assert seat_of(phone) == seat


def test_someone_else_is_asked_for_a_name_that_tells_them_apart(make_classroom, trainee):
    monday = make_classroom(seats=2)
    trainee(monday, "Maria")
    content = Client().get(url("classes:join", code=monday.code) + "?someone-else=1")
    assert 'data-testid="join-someone-else"' in content.content.decode()
    other = trainee(monday, "Maria G.")
    assert seat_of(other).display_name == "Maria G."


def test_rejoining_a_seat_active_elsewhere_says_so_and_the_board_shows_it(
    make_classroom, trainee, trainer_client
):
    monday = make_classroom(seats=2)
    laptop = trainee(monday, "Maria")
    seat = seat_of(laptop)
    phone = Client()
    response = rejoin(phone, monday, "Maria", seat.rejoin_code)
    page = phone.get(response["Location"]).content.decode()
    assert "Your seat is also in use on another device" in page
    board = trainer_client.get(url("classes:board", code=monday.code)).content.decode()
    row = board.split('data-seat="1"')[1].split("</tr>")[0]
    assert 'data-testid="seat-active-elsewhere"' in row


def test_rejoining_a_seat_idle_for_long_is_not_active_elsewhere(make_classroom, trainee):
    monday = make_classroom(seats=1)
    seat = seat_of(trainee(monday, "Maria"))
    Seat.objects.filter(pk=seat.pk).update(
        last_activity_at=timezone.now() - datetime.timedelta(hours=1)
    )
    phone = Client()
    response = rejoin(phone, monday, "Maria", seat.rejoin_code)
    assert "also in use" not in phone.get(response["Location"]).content.decode()
    seat.refresh_from_db()
    assert seat.shared_at is None


def test_the_trainer_lets_a_browser_in_from_the_board(make_classroom, trainee, trainer_client):
    monday = make_classroom(seats=2)
    seat = seat_of(trainee(monday, "Maria"))
    phone = Client()
    asked = phone.post(url("classes:join-ask", code=monday.code), {"display_name": "MARIA"})
    assert asked["Location"] == url("classes:join-waiting", code=monday.code)
    waiting = phone.get(asked["Location"]).content.decode()
    seat.refresh_from_db()
    assert f'data-testid="join-request-code">{seat.rejoin_request}<' in waiting
    # Not yet let in: Continue keeps it waiting, in no seat.
    phone.post(asked["Location"])
    assert seat_of(phone) is None

    board = trainer_client.get(url("classes:board", code=monday.code)).content.decode()
    assert f'data-testid="seat-rejoin-request" data-code="{seat.rejoin_request}"' in board
    board = url("classes:board", code=monday.code)
    approved = trainer_client.post(
        url("classes:seat-rejoin-approve", code=monday.code, number=1), {"next": board}
    )
    assert approved["Location"] == board  # back where Let in was pressed
    phone.post(asked["Location"])
    assert seat_of(phone) == seat


def test_a_refused_browser_stays_out(make_classroom, trainee, trainer_client):
    monday = make_classroom(seats=1)
    trainee(monday, "Maria")
    phone = Client()
    phone.post(url("classes:join-ask", code=monday.code), {"display_name": "Maria"})
    trainer_client.post(url("classes:seat-rejoin-refuse", code=monday.code, number=1))
    response = phone.post(url("classes:join-waiting", code=monday.code), follow=True)
    assert "Your trainer did not let this browser in." in response.content.decode()
    assert seat_of(phone) is None


# -- wrong codes wait; right ones never do -------------------------------------------------


def test_wrong_join_codes_are_throttled_per_address_in_the_shared_cache(make_classroom):
    monday = make_classroom(seats=1)
    guesser = Client(REMOTE_ADDR="198.51.100.7")
    for _ in range(JOIN_CODE_MISSES.limit):
        assert guesser.get(url("classes:join", code="ZZZZZZ")).status_code == 404
    # Counted in django.core.cache.cache, which every worker and server reads.
    assert JOIN_CODE_MISSES.retry_after("198.51.100.7") > 0
    assert any(key.startswith("misses:join-code:198.51.100.7:") for key in _cache_keys())
    for path in (url("classes:join", code="ZZZZZZ"), url("classes:join", code=monday.code)):
        response = guesser.get(path)
        assert response.status_code == 429
        assert 0 < int(response["Retry-After"]) <= JOIN_CODE_MISSES.window
    spanish = guesser.get(url("classes:join", "es", code=monday.code))
    assert "Demasiados códigos incorrectos" in spanish.content.decode()
    # Another address is not held back.
    assert (
        Client(REMOTE_ADDR="198.51.100.8").get(url("classes:join", code=monday.code)).status_code
        == 200
    )


def _cache_keys():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM sandbox_cache")
        return [row[0].split(":", 2)[-1] for row in cursor.fetchall()]


def test_a_whole_class_behind_one_address_joins(make_classroom):
    big = make_classroom(seats=25)
    for _ in range(3):  # a few typed the code wrong: the office is not held back
        Client(REMOTE_ADDR="203.0.113.50").get(url("classes:join", code="ZZZZZZ"))
    for number in range(25):
        office = Client(REMOTE_ADDR="203.0.113.50")
        assert join(office, big, f"Trainee {number}").status_code == 302
    assert big.seats.exclude(name_key="").count() == 25


def test_wrong_rejoin_codes_are_throttled(make_classroom, trainee):
    monday = make_classroom(seats=1)
    seat = seat_of(trainee(monday, "Maria"))
    guesser = Client(REMOTE_ADDR="198.51.100.9")
    wrong = "AAAAAA" if seat.rejoin_code != "AAAAAA" else "BBBBBB"
    for _ in range(REJOIN_CODE_MISSES.limit):
        assert rejoin(guesser, monday, "Maria", wrong).status_code == 200
    response = rejoin(guesser, monday, "Maria", seat.rejoin_code)
    assert response.status_code == 429 and response["Retry-After"]
    assert seat_of(guesser) is None


# -- the trainer's preview, and no switching by GET ----------------------------------------


def test_the_trainer_opening_the_join_link_sees_a_preview_and_takes_no_seat(
    make_classroom, trainer_client
):
    monday = make_classroom(seats=1)
    page = trainer_client.get(url("classes:join", code=monday.code))
    assert 'data-testid="join-preview"' in page.content.decode()
    trainer_client.post(url("classes:join", code=monday.code), {"display_name": "Trainer"})
    assert seat_of(trainer_client) is None
    assert "_auth_user_id" in trainer_client.session  # still signed in
    assert monday.seats.exclude(name_key="").count() == 0


def test_the_join_page_says_what_joining_would_end(make_classroom, trainee, persona):
    monday, tuesday = make_classroom(seats=1), make_classroom(seats=1, name="Tuesday")
    seated = trainee(monday, "Maria")
    content = seated.get(url("classes:join", code=tuesday.code)).content.decode()
    assert 'data-testid="join-switching"' in content and "Monday class, seat 1" in content
    signed_in = Client()
    signed_in.force_login(persona("ana"))
    content = signed_in.get(url("classes:join", code=tuesday.code)).content.decode()
    assert "ana.billing@acme.example" in content.split('data-testid="join-switching"')[1]


def test_a_seat_link_asks_a_browser_in_another_seat_before_switching(make_classroom, trainee):
    monday = make_classroom(seats=2)
    browser = trainee(monday, "Maria")
    mine = seat_of(browser)
    other = monday.seats.get(number=2)
    enter = reverse("seats:enter", args=[other.token])
    page = browser.get(enter)
    assert page.status_code == 200 and 'data-testid="enter-confirm"' in page.content.decode()
    assert seat_of(browser) == mine  # GET never switches
    browser.post(enter)
    assert seat_of(browser) == other


def test_a_seat_link_asks_a_signed_in_browser_and_keeps_it_signed_in(persona, make_classroom):
    seat = make_classroom(seats=1).seats.get()
    signed_in = Client()
    signed_in.force_login(persona("ana"))
    signed_in.get(reverse("seats:enter", args=[seat.token]), HTTP_REFERER="https://evil.example/")
    assert "_auth_user_id" in signed_in.session and seat_of(signed_in) is None


def test_a_fresh_browser_still_enters_by_the_seat_link(make_classroom):
    seat = make_classroom(seats=1).seats.get()
    fresh = Client()
    assert fresh.get(reverse("seats:enter", args=[seat.token])).status_code == 302
    assert seat_of(fresh) == seat


# -- the trainer frees and renames seats ---------------------------------------------------


def test_the_trainer_frees_a_junk_seat_and_its_browser_is_out(
    make_classroom, trainee, trainer_client
):
    monday = make_classroom(seats=1)
    junk = trainee(monday, "asdfgh")
    seat = seat_of(junk)
    with seat_scope(seat):
        from sandbox.models import MailboxMessage

        MailboxMessage.objects.create(recipient="x@y.example", sender="x", subject="junk", body="-")
    free = url("classes:seat-free", code=monday.code, number=1)
    assert 'data-testid="seat-free-confirm"' in trainer_client.get(free).content.decode()
    seat.refresh_from_db()
    assert seat.display_name == "asdfgh"  # GET only asks
    freed = trainer_client.post(free)
    assert freed["Location"] == url("classes:seat", code=monday.code, number=1)
    old_link = url("seats:enter", token=seat.token)
    assert Client().get(old_link).status_code == 404  # the seat's token is new: no way in
    seat.refresh_from_db()
    assert (seat.display_name, seat.name_key, seat.rejoin_code) == ("", "", "")
    with seat_scope(seat):
        assert not MailboxMessage.objects.filter(subject="junk").exists()
    assert 'data-testid="seat-badge"' not in junk.get("/en/").content.decode()
    assert seat_of(junk) is None
    newcomer = trainee(monday, "Maria")  # the seat is anyone's again
    assert seat_of(newcomer) == seat


def test_the_trainer_renames_a_seat_and_its_trainee_keeps_it(
    make_classroom, trainee, trainer_client
):
    monday = make_classroom(seats=2)
    maria, other = trainee(monday, "Maria"), trainee(monday, "Pedro")
    rename = url("classes:seat-rename", code=monday.code, number=1)
    taken = trainer_client.post(rename, {"display_name": "PEDRO"})
    assert "Seat 2 already has this name." in taken.content.decode()
    renamed = trainer_client.post(rename, {"display_name": "Maria López"})
    assert renamed["Location"] == url("classes:seat", code=monday.code, number=1)
    seat = seat_of(maria)
    assert (seat.number, seat.display_name, seat.name_key) == (1, "Maria López", "maria lópez")
    assert "Maria López" in maria.get("/en/").content.decode()
    assert seat_of(other).display_name == "Pedro"


def test_trainee_forms_are_for_the_trainer_only(make_classroom, trainee, persona):
    monday = make_classroom(seats=1)
    trainee(monday, "Maria")
    ana = Client()
    ana.force_login(persona("ana"))
    for name in ("classes:seat-free", "classes:seat-rename"):
        assert ana.get(url(name, code=monday.code, number=1)).status_code == 404
    approve = url("classes:seat-rejoin-approve", code=monday.code, number=1)
    assert ana.post(approve).status_code == 404
