"""Every refused launch is a page (400) in the launch's language that says why, is logged,
and makes nothing: no class, no seat, no sign-in."""

import logging
import time

import pytest
from django.contrib.auth import SESSION_KEY as USER_KEY
from django.core.cache import cache
from django.test import Client

from lms.models import CourseLink, LaunchedSeat
from seats.middleware import SESSION_KEY as SEAT_KEY
from seats.models import Classroom, Seat

from .conftest import launch, login
from .platform import INSTRUCTOR, key_pair


def assert_refused(response, reason, caplog, browser):
    assert response.status_code == 400
    page = response.content.decode()
    assert f'data-reason="{reason}"' in page
    assert any(
        record.name == "lms" and f"({reason})" in record.getMessage() for record in caplog.records
    )
    assert CourseLink.objects.count() == 0
    assert LaunchedSeat.objects.count() == 0
    assert Classroom.objects.count() == 0
    assert USER_KEY not in browser.session
    assert SEAT_KEY not in browser.session
    return page


def _other_key():
    pair, private_pem = key_pair("impostor")
    return private_pem


@pytest.mark.parametrize(
    ("case", "reason"),
    [
        ("bad signature", "signature"),
        ("unknown issuer", "issuer"),
        ("unknown deployment", "deployment"),
        ("expired token", "expired"),
        ("nonce never given", "nonce"),
        ("missing state", "state"),
        ("wrong state", "state"),
    ],
)
def test_a_bad_launch_is_refused_and_makes_nothing(platform, caplog, case, reason):
    caplog.set_level(logging.WARNING, logger="lms")
    seats_before = Seat.objects.count()
    browser = Client()
    auth = login(browser, platform)
    claims = platform.claims(nonce=auth["nonce"], roles=[INSTRUCTOR])
    sign = {}
    state = auth["state"]
    if case == "bad signature":
        sign = {"private_pem": _other_key()}  # the LMS's kid, another key
    elif case == "unknown issuer":
        claims["iss"] = "https://other-lms.example"
    elif case == "unknown deployment":
        claims["https://purl.imsglobal.org/spec/lti/claim/deployment_id"] = "deployment-9"
    elif case == "expired token":
        claims["exp"] = int(time.time()) - 60
    elif case == "nonce never given":
        claims["nonce"] = "made-up"
    elif case == "missing state":
        state = ""
    elif case == "wrong state":
        state = "state-of-someone-else"
    data = {"id_token": platform.id_token(claims, **sign)}
    if state:
        data["state"] = state
    response = browser.post("/lti/launch/", data)
    assert_refused(response, reason, caplog, browser)
    assert Seat.objects.count() == seats_before


def test_an_expired_nonce_is_refused(platform, caplog):
    """The nonce the sandbox gave at login is forgotten after its lifetime (here: at once)."""
    caplog.set_level(logging.WARNING, logger="lms")
    browser = Client()
    auth = login(browser, platform)
    cache.clear()
    token = platform.id_token(platform.claims(nonce=auth["nonce"]))
    response = browser.post("/lti/launch/", {"id_token": token, "state": auth["state"]})
    assert_refused(response, "nonce", caplog, browser)


def test_a_replayed_launch_is_refused(platform, caplog):
    caplog.set_level(logging.WARNING, logger="lms")
    browser = Client()
    first, auth, token = launch(browser, platform)
    assert first.status_code == 302
    seats = LaunchedSeat.objects.count()
    thief = Client()
    thief.cookies = browser.cookies  # even the same browser's cookies
    again = thief.post("/lti/launch/", {"id_token": token, "state": auth["state"]})
    assert again.status_code == 400
    assert 'data-reason="replayed"' in again.content.decode()
    assert LaunchedSeat.objects.count() == seats
    assert any("(replayed)" in record.getMessage() for record in caplog.records)


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        ("en", "The launch from the LMS was refused"),
        ("es", "El LMS no pudo abrir el sandbox"),
        ("pt-BR", "O LMS não conseguiu abrir o sandbox"),
    ],
)
def test_the_refusal_is_in_the_launch_s_language(platform, caplog, locale, text):
    browser = Client()
    auth = login(browser, platform)
    claims = platform.claims(nonce=auth["nonce"], locale=locale)
    token = platform.id_token(claims, private_pem=_other_key())
    response = browser.post("/lti/launch/", {"id_token": token, "state": auth["state"]})
    assert text in assert_refused(response, "signature", caplog, browser)


@pytest.mark.parametrize(
    ("params", "reason"),
    [({"iss": "https://other.example"}, "issuer"), ({"login_hint": ""}, "login")],
)
def test_a_login_from_an_unknown_lms_or_incomplete_is_refused(platform, caplog, params, reason):
    caplog.set_level(logging.WARNING, logger="lms")
    browser = Client()
    response = browser.get("/lti/login/", platform.login_params(**params))
    assert_refused(response, reason, caplog, browser)


def test_over_https_a_launch_from_a_browser_that_did_not_start_it_is_refused(platform, caplog):
    caplog.set_level(logging.WARNING, logger="lms")
    auth = login(Client(), platform, secure=True)
    token = platform.id_token(platform.claims(nonce=auth["nonce"]))
    other = Client()
    response = other.post("/lti/launch/", {"id_token": token, "state": auth["state"]}, secure=True)
    assert_refused(response, "state", caplog, other)


def test_an_instructor_s_launch_is_refused_when_the_registering_trainer_is_no_more(
    platform, trainer, caplog
):
    caplog.set_level(logging.WARNING, logger="lms")
    trainer.groups.clear()
    browser = Client()
    response, _auth, _token = launch(browser, platform, roles=[INSTRUCTOR])
    assert_refused(response, "trainer", caplog, browser)


@pytest.mark.parametrize(
    "id_token",
    ["not-a-token", "a.b.c", "W10.W10.c2ln"],  # not a JWT; not base64 JSON; JSON lists
)
def test_a_token_of_the_wrong_shape_is_refused(platform, caplog, id_token):
    caplog.set_level(logging.WARNING, logger="lms")
    browser = Client()
    auth = login(browser, platform)
    response = browser.post("/lti/launch/", {"id_token": id_token, "state": auth["state"]})
    assert_refused(response, "token", caplog, browser)
