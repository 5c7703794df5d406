"""Every absolute URL the sandbox writes starts with SANDBOX_PUBLIC_URL when it is set, whatever
address the request came to: a trainer on 127.0.0.1 projects links a trainee's phone can open
(core/public_url.py). The served room sets it itself: tests/production/test_room.py."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from classes.join_card import qr_svg
from classes.services import class_create
from corp_portal.models import PortalLogin
from sandbox.models import MailboxMessage

ROOM = "http://192.168.1.23:8000"
LOOPBACK = {"HTTP_HOST": "127.0.0.1:8000"}  # the trainer's own browser, on the trainer's laptop


@pytest.fixture
def room(sample_data, settings):
    """The room's address set, once the sample world is loaded (tests/sample_world.py)."""
    settings.SANDBOX_PUBLIC_URL = ROOM
    settings.ALLOWED_HOSTS = ["127.0.0.1"]


@pytest.fixture
def trainer(trainer_client):
    """This file's name for the trainer's client (tests/conftest.py)."""
    return trainer_client


def test_the_join_card_and_the_board_give_the_room_address(room, trainer):
    classroom = class_create(name="Monday class", seat_count=1, language="es")
    link = f"{ROOM}/es/join/{classroom.code}/"
    card = trainer.get(reverse("classes:join-card", args=[classroom.code]), **LOOPBACK)
    assert card.context["join_url"] == link
    content = card.content.decode()
    assert f'data-testid="join-link">{link}</a>' in content
    drawn = qr_svg(link, label="x")  # the QR code encodes the room's link
    modules = re.search(r' d="([^"]+)"', drawn).group(1)
    assert f' d="{modules}"' in content
    assert "127.0.0.1" not in content
    board = trainer.get(reverse("classes:board", args=[classroom.code]), **LOOPBACK)
    assert board.context["join_url"] == f"{ROOM}/en/join/{classroom.code}/"


def test_the_api_answers_the_room_address(room, sample_data):
    response = Client().post("/api/v1/seats/", {"language": "en"}, **LOOPBACK)
    assert response.status_code == 201
    seat = response.json()
    assert seat["join_url"] == f"{ROOM}/en/seats/{seat['token']}/enter/"
    assert response["Location"] == f"{ROOM}/api/v1/seats/{seat['id']}/"


def test_an_emailed_link_gives_the_room_address(room, sample_data):
    login = PortalLogin.objects.select_related("holder").first()
    Client().post("/en/corp-billing/forgot-password/", {"user_id": login.user_id}, **LOOPBACK)
    message = MailboxMessage.objects.filter(subject__contains="set a new password").get()
    assert re.search(rf"{re.escape(ROOM)}/en/corp-billing/reset-password/\S+/", message.body)


def test_without_it_the_request_address_is_kept(settings, sample_data):
    settings.SANDBOX_PUBLIC_URL = ""
    settings.ALLOWED_HOSTS = ["sandbox.example.com"]
    response = Client().post("/api/v1/seats/", {}, HTTP_HOST="sandbox.example.com")
    assert response.json()["join_url"].startswith("http://sandbox.example.com/en/seats/")
