"""Each fault of the catalog, switched on in a seat, shows the defect its answer key describes,
on its page; off, the page is right; the other seat never sees it. One row per fault: a
scenario that plays the page as a trainee and says whether the defect is there."""

import logging
import re
import time
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from accounts.models import Subscription
from billing_center.services import order_summary_add_licenses
from core.formatting import format_money
from faults import catalog
from faults.catalog import FAULTS, FAULTS_BY_ID, UNTRANSLATED, FaultError
from faults.services import seat_faults, seat_faults_set
from sandbox.sample_data import PERSONAS_BY_KEY
from seats.models import Seat
from seats.scope import seat_scope

from .helpers import seat_browser, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def pauses(monkeypatch):
    """The seconds each slow sign-in asked to wait (none waited: the test stays fast)."""
    asked: list[float] = []
    monkeypatch.setattr(catalog, "pause", asked.append)
    return asked


def _testid_text(html: str, testid: str) -> str:
    found = re.search(rf'data-testid="{testid}"[^>]*>([^<]*)<', html)
    assert found, f"no {testid} on the page"
    return unescape(found.group(1)).strip()


def _ac2_page(seat) -> str:
    """Bruno (account admin, not the billing admin) on the Admin Center's Add Licenses: AC-2."""
    client = signed_in(seat_browser(seat), "bruno")
    response = client.get("/en/admin-center/add-licenses/")
    assert response.status_code == 200
    return response.content.decode()


def wrong_billing_admin(seat, pauses) -> bool:
    return _testid_text(_ac2_page(seat), "billing-admin-name") != "Ana Ortega"


def mailto_without_subject(seat, pauses) -> bool:
    html = _ac2_page(seat)
    href = unescape(re.search(r'href="(mailto:[^"]*)"[^>]*data-testid="send-email"', html)[1])
    assert href.startswith(f"mailto:{PERSONAS_BY_KEY['ana'].email}?")
    return parse_qs(urlsplit(href).query, keep_blank_values=True)["subject"] == [""]


def untranslated_sentence(seat, pauses) -> bool:
    """Carla's My Account in Spanish (BC-2a): the sentence in English, or in Spanish."""
    client = signed_in(seat_browser(seat), "carla")
    response = client.get("/es/billing/my-account/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="es"' in html
    return escape(UNTRANSLATED) in html


def slow_sign_in(seat, pauses) -> bool:
    """Ana signs in (and is signed in either way): did the sign-in wait 3 seconds first?"""
    pauses.clear()
    signed_in(seat_browser(seat), "ana")
    assert pauses in ([], [3.0])
    return pauses == [3.0]


def unlabelled_field(seat, pauses) -> bool:
    response = seat_browser(seat).get("/en/corp-billing/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_user_id"' in html
    return 'for="id_user_id"' not in html


def total_off_by_one(seat, pauses) -> bool:
    """Ana puts 1 license in her cart and proceeds to checkout: is the total that of 1?"""
    client = signed_in(seat_browser(seat), "ana")
    with seat_scope(seat):
        subscription = Subscription.objects.filter(account__name="Acme Support").order_by("pk")[0]
        right = order_summary_add_licenses(subscription=subscription, quantity=1)
    added = client.post(
        f"/en/billing/subscriptions/{subscription.pk}/add-licenses/", {"quantity": 1}
    )
    assert added.status_code == 302
    response = client.get("/en/billing/checkout/")
    assert response.status_code == 200
    html = response.content.decode()
    assert _testid_text(html, "bc-cart-quantity") == "1"
    shown = _testid_text(html, "bc-summary-total")
    assert shown in (
        format_money(right.total_due, right.currency, "en"),
        format_money(right.total_due * 2, right.currency, "en"),
    )
    return shown != format_money(right.total_due, right.currency, "en")


def server_error(seat, pauses) -> bool:
    client = signed_in(seat_browser(seat), "ana")
    response = client.get("/en/billing/billing-history/")
    assert response.status_code in (200, 500)
    return response.status_code == 500


# fault id -> a trainee's scenario on the fault's page: True when the defect shows.
SCENARIOS = {
    "F1-wrong-billing-admin": wrong_billing_admin,
    "F2-mailto-empty-subject": mailto_without_subject,
    "F3-untranslated-sentence": untranslated_sentence,
    "F4-slow-sign-in": slow_sign_in,
    "F5-unlabelled-field": unlabelled_field,
    "F6-total-off-by-one": total_off_by_one,
    "F7-server-error": server_error,
}


def test_the_table_has_a_scenario_for_every_fault():
    assert list(SCENARIOS) == [fault.id for fault in FAULTS]


@pytest.mark.parametrize("fault_id", SCENARIOS)
def test_a_fault_shows_its_defect_in_its_seat_only_while_on(seats, pauses, fault_id):
    scenario = SCENARIOS[fault_id]
    mine, other = seats
    assert scenario(mine, pauses) is False, "defect before the fault is on"

    seat_faults_set(seat=mine, fault_ids=[fault_id])
    assert scenario(mine, pauses) is True, "no defect with the fault on"
    assert scenario(other, pauses) is False, "the other seat sees the defect"

    seat_faults_set(seat=mine, fault_ids=[])
    assert scenario(mine, pauses) is False, "defect after the fault is off"


def test_every_fault_on_at_once(seats, pauses):
    mine, other = seats
    seat_faults_set(seat=mine, fault_ids=list(SCENARIOS))
    shown = {fault_id: scenario(mine, pauses) for fault_id, scenario in SCENARIOS.items()}
    assert shown == dict.fromkeys(SCENARIOS, True)
    assert not any(scenario(other, pauses) for scenario in SCENARIOS.values())


def test_the_slow_sign_in_really_waits(seats, settings):
    """The pause is real (a short one here): the sign-in takes at least that long."""
    settings.FAULTS_SLOW_SIGN_IN_SECONDS = 0.2
    mine, _other = seats
    seat_faults_set(seat=mine, fault_ids=["F4-slow-sign-in"])
    client = seat_browser(mine)
    started = time.monotonic()
    signed_in(client, "ana")
    assert time.monotonic() - started >= 0.2


def test_the_server_error_is_logged_as_unhandled_errors_are(seats, caplog):
    mine, _other = seats
    seat_faults_set(seat=mine, fault_ids=["F7-server-error"])
    client = signed_in(seat_browser(mine), "ana")
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get("/en/billing/billing-history/")
    assert response.status_code == 500
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.getMessage() == "Internal Server Error: /en/billing/billing-history/"
    assert record.exc_info[0] is FaultError


# The word as a trainee would read it ("default" is no mention of faults).
MENTIONS_FAULTS = re.compile(r"\bfaults?\b", re.IGNORECASE)


def test_trainee_pages_never_mention_faults(seats):
    """Every fault on: the pages a trainee sees (each fault's page too) say nothing of it."""
    mine, _other = seats
    seat_faults_set(seat=mine, fault_ids=list(FAULTS_BY_ID))
    pages = {
        "ana": [
            "/en/",
            "/en/billing/subscriptions/",
            "/en/billing/billing-history/",
            "/en/billing/my-account/",
            "/en/corp-billing/",
            "/en/qa/",
            "/en/guide/",
        ],
        "bruno": ["/en/admin-center/add-licenses/", "/en/admin-center/"],
        "carla": ["/es/billing/my-account/", "/en/billing/my-account/"],
    }
    for persona_key, paths in pages.items():
        client = signed_in(seat_browser(mine), persona_key)
        for path in paths:
            response = client.get(path)
            assert response.status_code in (200, 500), path
            html = response.content.decode()
            assert not MENTIONS_FAULTS.search(html), path
            assert "/faults/" not in html, path


def test_no_fault_ever_touches_the_default_seat(sample_data, pauses):
    default = Seat.objects.default()
    assert seat_faults(seat=default) == []
    with pytest.raises(ValueError):
        seat_faults_set(seat=default, fault_ids=["F7-server-error"])


def test_only_a_page_some_fault_spoils_asks_which_faults_are_on(seats):
    mine, _other = seats
    seat_faults_set(seat=mine, fault_ids=list(FAULTS_BY_ID))
    client = signed_in(seat_browser(mine), "ana")

    def fault_queries(path):
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        return [q["sql"] for q in captured if "faults_seatfault" in q["sql"]]

    assert fault_queries("/en/billing/subscriptions/") == []
    assert len(fault_queries("/en/billing/billing-history/")) == 1
