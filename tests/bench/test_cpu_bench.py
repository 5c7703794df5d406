"""`make bench`'s CPU part (bench/cpu.py): the signed-in empty page it measures every page
against, reachable only through the bench's own URLconf, and the targets it prints."""

import pytest
from django.test import Client, override_settings

from bench import cpu
from sandbox.sample_data import PERSONAS_BY_KEY


def test_the_empty_page_is_no_address_of_the_product(db):
    assert Client().get(cpu.EMPTY_PAGE).status_code == 404


def test_the_empty_page_is_the_base_template_signed_in(sample_data, settings):
    with override_settings(ROOT_URLCONF="bench.urls"):
        client = Client()
        client.post(
            "/en/billing/sign-in/",
            {"username": PERSONAS_BY_KEY["ana"].email, "password": settings.SANDBOX_PASSWORD},
        )
        response = client.get(cpu.EMPTY_PAGE)
    assert response.status_code == 200
    assert [template.name for template in response.templates][0] == "base.html"
    assert response.wsgi_request.user.email == PERSONAS_BY_KEY["ana"].email
    html = response.content.decode()
    assert 'data-testid="nav-home"' in html and 'data-testid="language-switcher"' in html


def result(round_ms: float, page_ms: float, cards: tuple[float, float]) -> dict:
    pages = {cpu.EMPTY: 4.0, "home page": page_ms, "Mailbox": 5.0}
    return {
        "round_cpu_ms": {"one step": round_ms / 2, "another": round_ms / 2},
        "cpu_one_seat": pages,
        "cpu_in_seats": pages,
        "cpu_default_seat": pages,
        "cards_cpu_ms": dict(zip(["2 cards", "50 cards"], cards, strict=True)),
    }


def test_every_target_met():
    checks = cpu.targets(result(55.0, 8.0, (10.0, 30.0)))
    assert len(checks) == 5
    assert all(met for _what, _measured, _limit, met in checks)


@pytest.mark.parametrize(
    "measured, missed",
    [
        (result(55.1, 8.0, (10.0, 30.0)), "trainee's round, CPU ms"),
        (result(40.0, 8.1, (10.0, 30.0)), "worst main page / empty page, one seat (home page)"),
        (result(40.0, 6.0, (10.0, 30.1)), "Subscriptions 50 cards / 2 cards"),
    ],
)
def test_a_target_missed_is_said(measured, missed):
    failed = [what for what, _measured, _limit, met in cpu.targets(measured) if not met]
    assert missed in failed
