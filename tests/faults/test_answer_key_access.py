"""The rule: a non-trainer never sees the faults' answer key, by page or by API, in any language.

Every visitor who is not the trainer (signed out; a persona signed in; a trainee in a class's
seat with a fault switched on; a script with its seat's token; a browser in a script's seat)
asks for the answer key and for a seat's faults on every way there is (the Faults page, a
seat's switches page, `GET /api/v1/faults/`, `GET /api/v1/seats/<id>/faults/`), and gets no
page of it: never a 200, and nothing of the key in the answer (no fault's id, no "what is
wrong", no "what is right", in the language asked). Whether the refusal is a 403, a 404 or the
sign-in is another rule's; the trainer, the control, sees it all.
"""

import html
import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from api.tokens import trainer_token_create
from classes.services import class_create
from faults.catalog import FAULTS
from faults.services import seat_faults_set
from sandbox.worlds import seat_create
from tests.classes.trainees import seat_client

pytestmark = pytest.mark.django_db
LANGUAGES = ["en", "es", "pt-br"]
SWITCHED_ON = "F1-wrong-billing-admin"


def answer_key_words(language: str) -> list[str]:
    """What only the answer key says, in `language`."""
    with translation.override(language):
        return [word for fault in FAULTS for word in (fault.id, str(fault.wrong), str(fault.right))]


def text_of(answer) -> str:
    """What an answer says, unescaped: a page's text, or the JSON's strings as they are."""
    if answer["Content-Type"].startswith("application/json"):
        return json.dumps(answer.json(), ensure_ascii=False)
    return html.unescape(answer.content.decode())


@pytest.fixture
def world(sample_data, persona):
    """A class seat with a fault on and its trainee's browser, a script's seat, and the ways
    to ask for the key."""
    class_seat = class_create(name="QA practice", seat_count=1, language="en").seats.get()
    seat_faults_set(seat=class_seat, fault_ids=[SWITCHED_ON])
    script_seat = seat_create()
    seat_faults_set(seat=script_seat, fault_ids=[SWITCHED_ON])

    ana = Client()
    ana.force_login(persona("ana"))
    visitors = {
        "signed out": (Client(), {}),
        "a persona": (ana, {}),
        "a class's trainee": (seat_client(class_seat), {}),
        "a script with its seat's token": (
            Client(),
            {"HTTP_AUTHORIZATION": f"Seat {script_seat.token}"},
        ),
        "a browser in a script's seat": (seat_client(script_seat), {}),
    }
    pages = [
        lambda language: f"/{language}/faults/",
        lambda language: reverse("faults:seat", args=[class_seat.classroom.code, 1]).replace(
            "/en/", f"/{language}/", 1
        ),
    ]
    api = ["/api/v1/faults/", f"/api/v1/seats/{script_seat.pk}/faults/"]
    return visitors, pages, api, script_seat


def test_the_trainer_sees_the_key_by_page_and_by_api(world, persona):
    """The control: the words the other test looks for are there for the trainer."""
    _visitors, pages, api, _seat = world
    trainer = Client()
    trainer.force_login(persona("trainer"))
    _token, key = trainer_token_create(name="CI")
    for language in LANGUAGES:
        words = answer_key_words(language)
        page = trainer.get(pages[0](language))
        assert page.status_code == 200
        assert [word for word in words if word not in text_of(page)] == [], language
        answer = Client().get(
            api[0], HTTP_AUTHORIZATION=f"Token {key}", HTTP_ACCEPT_LANGUAGE=language
        )
        assert answer.status_code == 200
        assert [word for word in words if word not in text_of(answer)] == [], language
    assert trainer.get(pages[1]("en")).status_code == 200


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "visitor",
    [
        "signed out",
        "a persona",
        "a class's trainee",
        "a script with its seat's token",
        "a browser in a script's seat",
    ],
)
def test_a_non_trainer_never_sees_the_answer_key(world, visitor, language):
    visitors, pages, api, _seat = world
    client, headers = visitors[visitor]
    words = answer_key_words(language)
    asked = [client.get(page(language), **headers) for page in pages] + [
        client.get(path, HTTP_ACCEPT_LANGUAGE=language, **headers) for path in api
    ]
    assert len(asked) == 4
    for answer in asked:
        assert answer.status_code != 200, answer.request["PATH_INFO"]
        body = text_of(answer)
        shown = [word for word in words if word in body]
        assert shown == [], (answer.request["PATH_INFO"], shown)
