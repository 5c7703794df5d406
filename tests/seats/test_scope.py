"""The one place that scopes the sample world: what a seat sees, where new rows go, and what
making, resetting and deleting a seat does to the others."""

import pytest
from django import forms
from django.db import IntegrityError
from django.urls import reverse

from accounts.models import Account, Subscription, User
from sandbox.models import MailboxMessage
from sandbox.sample_data import PERSONAS_BY_KEY
from sandbox.worlds import seat_create, seat_delete, seat_reset, seat_scoped_models
from seats.models import Seat
from seats.scope import seat_scope

ANA = PERSONAS_BY_KEY["ana"].email
pytestmark = pytest.mark.django_db


def rows_of(seat):
    """Every seat-scoped row of `seat`, as (model, pk) pairs."""
    return {
        (model._meta.label, pk)
        for model in seat_scoped_models()
        for pk in model._base_manager.filter(seat=seat).values_list("pk", flat=True)
    }


def test_a_new_seat_has_its_own_copy_of_the_sample_world(sample_data):
    default_people = set(User.objects.values_list("email", flat=True))

    seat = seat_create()

    with seat_scope(seat):
        people = set(User.objects.values_list("email", flat=True))
        ana = User.objects.get(email=ANA)
        assert ana.check_password("sandbox-2026")
        assert ana.account.subscriptions.count() == 2
        assert MailboxMessage.objects.exists()  # Diego's emailed invoices
    # The same personas, without the trainer, who lives beside the default seat only.
    assert people == default_people - {"trainer@sandbox.example"}
    assert ana.seat_id == seat.pk
    assert User.objects.get(email=ANA).pk != ana.pk


def test_each_seat_sees_only_its_own_rows(sample_data):
    first, second = seat_create(), seat_create()
    with seat_scope(first):
        Subscription.objects.filter(account__name="Acme Support").update(licenses=99)
        first_ids = set(Account.objects.values_list("pk", flat=True))
    with seat_scope(second):
        assert not Subscription.objects.filter(licenses=99).exists()
        assert not Account.objects.filter(pk__in=first_ids).exists()
    assert not Subscription.objects.filter(licenses=99).exists()


def test_new_rows_go_into_the_current_seat(sample_data):
    seat = seat_create()
    with seat_scope(seat):
        account = Account.objects.create(name="Initech", billing="standard", currency="USD")
    assert account.seat_id == seat.pk
    assert not Account.objects.filter(name="Initech").exists()


def test_a_queryset_made_outside_the_seat_answers_for_the_seat_that_runs_it(sample_data):
    """A form field's choices are built at import time: they must still be the seat's."""

    class AccountChoice(forms.Form):
        account = forms.ModelChoiceField(queryset=Account.objects.all())

    seat = seat_create()
    with seat_scope(seat):
        seat_accounts = set(Account.objects.values_list("pk", flat=True))
        choices = {
            choice.value for choice, _label in list(AccountChoice().fields["account"].choices)[1:]
        }
    assert choices == seat_accounts


def test_a_login_id_is_unique_within_a_seat_only(sample_data):
    seat = seat_create()
    with seat_scope(seat), pytest.raises(IntegrityError):
        User.objects.create_user(ANA, "another-password")


def test_resetting_a_seat_restores_it_and_touches_no_other_seat(sample_data):
    first, second = seat_create(), seat_create()
    for seat in (first, second):
        with seat_scope(seat):
            Subscription.objects.update(licenses=77)
    second_rows = rows_of(second)
    default_rows = rows_of(Seat.objects.default())

    seat_reset(seat=first)

    with seat_scope(first):
        assert not Subscription.objects.filter(licenses=77).exists()
    with seat_scope(second):
        assert Subscription.objects.filter(licenses=77).count() == Subscription.objects.count()
    assert rows_of(second) == second_rows
    assert rows_of(Seat.objects.default()) == default_rows


def test_deleting_a_seat_deletes_its_world_only(sample_data):
    doomed, kept = seat_create(), seat_create()
    kept_rows = rows_of(kept)
    doomed_id = doomed.pk

    seat_delete(seat=doomed)

    assert rows_of(doomed_id) == set()
    assert rows_of(kept) == kept_rows
    assert User.objects.filter(email=ANA).exists()


def test_the_default_seat_is_never_deleted_nor_reset_alone(sample_data):
    with pytest.raises(ValueError):
        seat_delete(seat=Seat.objects.default())
    with pytest.raises(ValueError):
        seat_reset(seat=Seat.objects.default())
    assert User.objects.filter(email="trainer@sandbox.example").exists()


def test_a_browser_enters_a_seat_with_its_join_url_and_signs_in_there(client, sample_data):
    seat = seat_create()
    response = client.get(reverse("seats:enter", args=[seat.token]), follow=True)
    assert b'data-testid="seat-badge"' in response.content

    client.post(reverse("billing_center:sign-in"), {"username": ANA, "password": "sandbox-2026"})

    with seat_scope(seat):
        seat_ana = User.objects.get(email=ANA)
    assert client.session["_auth_user_id"] == str(seat_ana.pk)


def test_a_session_whose_seat_was_deleted_is_back_in_the_default_seat(client, sample_data):
    seat = seat_create()
    client.get(reverse("seats:enter", args=[seat.token]))
    seat_delete(seat=seat)

    response = client.get(reverse("sandbox:home"))

    assert response.status_code == 200
    assert b'data-testid="seat-badge"' not in response.content


def test_an_unknown_join_url_is_a_404(client, db):
    assert client.get(reverse("seats:enter", args=["no-such-token"])).status_code == 404


def test_signing_out_of_a_center_keeps_the_browser_in_its_seat(client, sample_data):
    seat = seat_create()
    client.get(reverse("seats:enter", args=[seat.token]))
    client.post(reverse("billing_center:sign-in"), {"username": ANA, "password": "sandbox-2026"})

    client.post(reverse("billing_center:sign-out"))

    assert client.session["seat_id"] == seat.pk


def test_switching_persona_with_one_click_keeps_the_browser_in_its_seat(client, sample_data):
    seat = seat_create()
    client.get(reverse("seats:enter", args=[seat.token]))
    client.post(reverse("sandbox:persona-sign-in", args=["ana"]))

    client.post(reverse("sandbox:persona-sign-in", args=["carla"]))

    assert client.session["seat_id"] == seat.pk
    with seat_scope(seat):
        assert client.session["_auth_user_id"] == str(
            User.objects.get(email=PERSONAS_BY_KEY["carla"].email).pk
        )
