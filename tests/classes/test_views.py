"""The trainer's class pages and the trainee's join flow, seat reset and leaving."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from accounts.models import Subscription
from sandbox.models import MailboxMessage
from seats.middleware import SESSION_KEY
from seats.models import Classroom, Seat
from seats.scope import seat_scope

pytestmark = pytest.mark.django_db

TRAINER_PAGES = ["classes:list", "classes:join-card"]


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def trainer_page(name, classroom):
    return url(name, code=classroom.code) if name == "classes:join-card" else url(name)


def seat_of(browser) -> Seat | None:
    seat_id = browser.session.get(SESSION_KEY)
    return Seat.objects.get(pk=seat_id) if seat_id else None


# -- the trainer's pages --------------------------------------------------------------------


@pytest.mark.parametrize("name", TRAINER_PAGES)
def test_trainer_pages_send_a_signed_out_visitor_to_sign_in_and_back(client, make_classroom, name):
    path = trainer_page(name, make_classroom(seats=1))
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(url("admin:login"))
    assert f"next={path}" in response["Location"].replace("%2F", "/")


@pytest.mark.parametrize("name", TRAINER_PAGES)
def test_trainer_pages_refuse_a_persona(client, persona, make_classroom, name):
    client.force_login(persona("ana"))
    assert client.get(trainer_page(name, make_classroom(seats=1))).status_code == 404


@pytest.mark.parametrize("name", TRAINER_PAGES)
def test_trainer_pages_open_for_the_trainer(trainer_client, make_classroom, name):
    assert trainer_client.get(trainer_page(name, make_classroom(seats=1))).status_code == 200


def test_the_list_shows_each_class_with_its_seats_taken(trainer_client, make_classroom, trainee):
    monday = make_classroom(seats=3, language="es", name="Monday class")
    trainee(monday, "Maria")
    content = trainer_client.get(url("classes:list")).content.decode()
    row = content.split(f'data-code="{monday.code}"')[1].split("</tr>")[0]
    assert "Monday class" in row and "Spanish" in row
    assert "1 of 3" in row
    assert 'data-testid="nav-classes"' in content


def test_creating_a_class_leads_to_its_board(trainer_client, sample_data):
    response = trainer_client.post(
        url("classes:list"), {"name": "Tuesday", "seat_count": "2", "language": "pt-br"}
    )
    classroom = Classroom.objects.get(name="Tuesday")
    assert response.status_code == 302
    assert response["Location"] == url("classes:board", code=classroom.code)
    assert classroom.language == "pt-br"
    assert list(classroom.seats.values_list("number", flat=True)) == [1, 2]


@pytest.mark.parametrize(
    ("seat_count", "language"), [("0", "en"), ("61", "en"), ("", "en"), ("2", "de")]
)
def test_creating_a_class_refuses_a_bad_seat_count_or_language(
    trainer_client, sample_data, seat_count, language
):
    response = trainer_client.post(
        url("classes:list", "es"), {"name": "Bad", "seat_count": seat_count, "language": language}
    )
    assert response.status_code == 200
    assert Classroom.objects.count() == 0
    errors = response.context["form"].errors
    assert set(errors) == {"seat_count" if language == "en" else "language"}
    if seat_count in ("0", "61"):
        # The message of the form, translated, where the form shows its errors.
        assert errors["seat_count"] == ["Una clase tiene de 1 a 60 puestos."]
        assert "Una clase tiene de 1 a 60 puestos." in response.content.decode()


def test_the_join_card_shows_the_link_in_the_class_language_and_its_qr_code(
    trainer_client, make_classroom
):
    spanish = make_classroom(seats=1, language="es", name="Clase del lunes")
    content = trainer_client.get(url("classes:join-card", code=spanish.code)).content.decode()
    link = f"http://testserver/es/join/{spanish.code}/"
    assert f'data-testid="join-link">{link}</a>' in content
    svg = content.split('<svg role="img"')[1].split("</svg>")[0]
    assert 'aria-label="QR code of the join link of Clase del lunes"' in svg
    assert "<title>QR code of the join link of Clase del lunes</title>" in svg
    assert "<script" not in content


def test_an_unknown_class_is_a_404(trainer_client, client, sample_data):
    assert trainer_client.get(url("classes:join-card", code="NOPE99")).status_code == 404
    assert client.get(url("classes:join", code="NOPE99")).status_code == 404
    assert client.post(url("classes:join", code="NOPE99"), {"display_name": "x"}).status_code == 404


def test_the_reset_page_says_it_ends_every_open_class(trainer_client, make_classroom):
    assert "no class is open now" in trainer_client.get(url("sandbox:reset")).content.decode()
    make_classroom(seats=1)
    make_classroom(seats=1)
    content = trainer_client.get(url("sandbox:reset")).content.decode()
    assert "It also ends 2 open classes" in content
    spanish = trainer_client.get(url("sandbox:reset", "es")).content.decode()
    assert "También termina 2 clases abiertas" in spanish


# -- joining -------------------------------------------------------------------------------


def test_the_join_form_says_the_same_name_gets_the_seat_back(client, make_classroom):
    content = client.get(url("classes:join", code=make_classroom(seats=1).code)).content.decode()
    assert "type the same name to get it back" in content


def test_joining_gives_the_next_free_seat_and_lands_in_the_class_language(client, make_classroom):
    spanish = make_classroom(seats=3, language="es")
    response = client.post(url("classes:join", code=spanish.code), {"display_name": " Maria "})
    assert response.status_code == 302
    assert response["Location"] == "/es/"
    first = seat_of(client)
    assert (first.classroom, first.number, first.display_name) == (spanish, 1, "Maria")

    other = Client()
    other.post(url("classes:join", code=spanish.code), {"display_name": "João"})
    assert seat_of(other).number == 2


def test_the_header_badge_shows_the_class_the_seat_number_and_the_name(make_classroom, trainee):
    browser = trainee(make_classroom(seats=2, name="Monday class"), "Maria")
    content = browser.get("/en/").content.decode()
    badge = content.split('data-testid="seat-badge"')[1].split("</span>\n")[0]
    assert 'data-seat="1"' in badge
    assert "Monday class · seat 1" in badge and "Maria" in badge
    assert 'data-testid="my-seat-reset"' in content and 'data-testid="my-seat-leave"' in content
    assert 'data-testid="seat-badge"' not in Client().get("/en/").content.decode()


def test_the_same_name_on_another_device_asks_is_this_you_and_takes_no_seat(
    make_classroom, trainee
):
    monday = make_classroom(seats=2)
    laptop = trainee(monday, "Maria")
    phone = Client()
    response = phone.post(url("classes:join", code=monday.code), {"display_name": "maria"})
    assert response.status_code == 200
    assert 'data-testid="join-taken"' in response.content.decode()
    assert seat_of(phone) is None
    assert seat_of(laptop).display_name == "Maria"
    assert monday.seats.exclude(display_name="").count() == 1


def test_a_full_class_says_so(make_classroom, trainee):
    single = make_classroom(seats=1)
    trainee(single, "Maria")
    late = Client()
    response = late.post(url("classes:join", code=single.code), {"display_name": "Pedro"})
    assert response.status_code == 200
    assert "Every seat of this class is taken" in response.content.decode()
    assert seat_of(late) is None
    # The one already seated still gets their seat back on another device, with its code.
    seat = single.seats.get(number=1)
    phone = Client()
    phone.post(
        url("classes:join-rejoin", code=single.code),
        {"display_name": "Maria", "rejoin_code": seat.rejoin_code},
    )
    assert seat_of(phone) == seat


def test_a_full_class_says_so_in_the_page_language(make_classroom, trainee):
    single = make_classroom(seats=1)
    trainee(single, "Maria")
    response = Client().post(url("classes:join", "pt-br", code=single.code), {"display_name": "X"})
    assert "Todos os assentos desta turma estão ocupados" in response.content.decode()


@pytest.mark.parametrize("name", ["", "   ", "<b>x</b>", "a\x00b", "x" * 61])
def test_a_bad_display_name_takes_no_seat(client, make_classroom, name):
    monday = make_classroom(seats=1)
    response = client.post(url("classes:join", code=monday.code), {"display_name": name})
    assert response.status_code == 200
    assert response.context["form"].errors["display_name"]
    assert monday.seats.exclude(display_name="").count() == 0


def test_a_seated_browser_opening_its_class_link_sees_its_seat(make_classroom, trainee):
    monday = make_classroom(seats=2, language="es")
    browser = trainee(monday, "Maria")
    content = browser.get(url("classes:join", code=monday.code)).content.decode()
    assert 'data-testid="join-own-seat"' in content and "Maria" in content
    assert 'href="/es/" data-testid="join-continue"' in content
    assert 'data-testid="join-form"' not in content


# -- the trainee's seat --------------------------------------------------------------------


def licenses_in(seat) -> int:
    with seat_scope(seat):
        return Subscription.objects.get(
            account__name="Acme Support", product__code="gotoassist-rs5"
        ).licenses


def test_reset_my_seat_asks_first_then_resets_only_that_seat(make_classroom, trainee):
    monday = make_classroom(seats=2)
    browser, neighbour = trainee(monday, "Maria"), trainee(monday, "Pedro")
    mine, theirs = seat_of(browser), seat_of(neighbour)
    sample = licenses_in(mine)
    for seat in (mine, theirs):
        with seat_scope(seat):
            Subscription.objects.filter(account__name="Acme Support").update(licenses=99)
            MailboxMessage.objects.create(
                recipient="ana.billing@acme.example", sender="x", subject="Order", body="-"
            )

    confirm = browser.get(url("classes:my-seat-reset"))
    assert confirm.status_code == 200 and 'data-testid="my-seat-reset-confirm"' in (
        confirm.content.decode()
    )
    assert licenses_in(mine) == 99  # a GET changes nothing

    response = browser.post(url("classes:my-seat-reset"), follow=True)
    assert "Your seat was reset to the sample data." in response.content.decode()
    assert seat_of(browser) == mine  # still in the seat
    assert licenses_in(mine) == sample
    with seat_scope(mine):
        assert not MailboxMessage.objects.filter(subject="Order").exists()
    assert licenses_in(theirs) == 99
    with seat_scope(theirs):
        assert MailboxMessage.objects.filter(subject="Order").exists()
    assert seat_of(neighbour) == theirs


def test_reset_my_seat_signs_the_trainee_out_of_the_seat_persona(make_classroom, trainee):
    browser = trainee(make_classroom(seats=1), "Maria")
    signed_in = browser.post(
        "/en/billing/sign-in/",
        {"username": "ana.billing@acme.example", "password": "sandbox-2026"},
    )
    assert signed_in.status_code == 302
    browser.post(url("classes:my-seat-reset"))
    assert "_auth_user_id" not in browser.session
    assert browser.get("/en/billing/subscriptions/").status_code == 302  # to the sign-in


def test_reset_my_seat_in_the_default_seat_resets_nothing(client, sample_data):
    with seat_scope(Seat.objects.default()):
        Subscription.objects.filter(account__name="Acme Support").update(licenses=99)
    response = client.post(url("classes:my-seat-reset"))
    assert response.status_code == 302 and response["Location"] == url("sandbox:home")
    assert licenses_in(Seat.objects.default()) == 99


def test_leave_seat_goes_back_to_the_default_seat_and_the_name_gets_it_back(
    make_classroom, trainee
):
    monday = make_classroom(seats=2)
    browser = trainee(monday, "Maria")
    seat = seat_of(browser)
    assert browser.get(url("classes:my-seat-leave")).status_code == 405  # POST only
    response = browser.post(url("classes:my-seat-leave"), follow=True)
    assert "You left your seat." in response.content.decode()
    assert seat_of(browser) is None
    assert 'data-testid="seat-badge"' not in response.content.decode()
    seat.refresh_from_db()
    assert seat.display_name == "Maria"  # kept for Maria
    browser.post(url("classes:join", code=monday.code), {"display_name": "Maria"})
    assert seat_of(browser) == seat  # this browser took it: its name gives it back
