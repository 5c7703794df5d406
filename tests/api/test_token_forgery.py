"""A trainer-issued token is its whole key: the part of it anyone may have seen (the first
characters the API tokens page lists, to tell tokens apart) proves nothing.

The rule: only the exact key, found by its hash, acts as the trainer; any other key, even one
sharing the real key's shown prefix or all but its last character, is a 401 on every endpoint
and reaches nothing of the trainer's.
"""

import pytest

from api.tokens import trainer_token_create, trainer_token_find
from classes.services import class_create
from seats.models import Seat

PAGE = "/en/api-tokens/"


def forgeries(key: str) -> list[str]:
    """Keys someone who saw the tokens page could try: the shown prefix with any tail, the
    prefix alone, the real key with its last character changed, and the real key cut short."""
    last = "A" if key[-1] != "A" else "B"
    return [
        key[:8] + "x" * (len(key) - 8),
        key[:8],
        key[:-1] + last,
        key[:-1],
    ]


@pytest.fixture
def real_key(trainer_client, settings):
    """A token the trainer made, and the proof its prefix is on the page for all to see."""
    settings.SANDBOX_OPEN = False  # only the trainer makes seats: a forged key must not
    token, key = trainer_token_create(name="nightly QA run")
    assert token.key_prefix in trainer_client.get(PAGE).content.decode()
    return key


def test_the_real_key_acts_as_the_trainer(api, real_key):
    """The other tests' control: the real key opens what the forgeries try."""
    assert trainer_token_find(real_key) is not None
    headers = {"HTTP_AUTHORIZATION": f"Token {real_key}"}
    assert api.get("/api/v1/faults/", **headers).status_code == 200
    created = api.post("/api/v1/seats/", {}, content_type="application/json", **headers)
    assert created.status_code == 201


@pytest.mark.parametrize("which", range(4), ids=["prefix+tail", "prefix", "last-char", "short"])
def test_a_forged_key_sharing_the_real_key_s_prefix_is_a_401(api, real_key, which):
    forged = forgeries(real_key)[which]
    assert forged != real_key and forged.startswith(real_key[:8])
    assert trainer_token_find(forged) is None
    headers = {"HTTP_AUTHORIZATION": f"Token {forged}"}
    classroom = class_create(name="Monday", seat_count=1, language="en")
    class_seat = classroom.seats.get()

    attempts = {
        "create a seat": api.post("/api/v1/seats/", {}, content_type="application/json", **headers),
        "read the answer key": api.get("/api/v1/faults/", **headers),
        "read a class's seat": api.get(f"/api/v1/seats/{class_seat.pk}/", **headers),
        "delete a class's seat": api.delete(f"/api/v1/seats/{class_seat.pk}/", **headers),
        "read outcomes": api.get("/api/v1/outcomes/", **headers),
    }
    assert len(attempts) == 5
    for what, answer in attempts.items():
        assert answer.status_code == 401, what
        assert answer.json()["code"] == "trainer_token_invalid", what
    assert Seat.objects.filter(pk=class_seat.pk).exists()
    assert not Seat.objects.filter(classroom__isnull=True, is_default=False).exists()
