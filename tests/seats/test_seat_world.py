"""What a new seat contains: row for row, the default seat's sample world (less the trainer,
who lives beside the default seat only), however the loader writes it."""

import pytest
from django.db import models

from classes.services import class_create
from sandbox.worlds import seat_create, seat_scoped_models
from seats.models import Seat

pytestmark = pytest.mark.django_db

# A salted hash, a secret token and the time a row was written differ by nature.
UNSTABLE = {"password", "token"}


def seat_world(seat) -> dict[str, list[dict]]:
    """{model label: [row, ...]} of `seat`'s rows in the order they were written; a reference
    to another row of the seat is that row's rank, so two seats compare equal when they hold
    the same rows. The trainer and what points at them are left out."""
    scoped = seat_scoped_models()
    rows = {}
    for model in scoped:
        query = model._base_manager.filter(seat=seat).order_by("pk")
        if model._meta.label == "accounts.User":
            query = query.exclude(is_staff=True)
        if model._meta.label == "sandbox.Persona":
            query = query.exclude(user__is_staff=True)
        rows[model] = list(query)
    ranks = {model: {obj.pk: n for n, obj in enumerate(objs)} for model, objs in rows.items()}
    world = {}
    for model, objs in rows.items():
        fields = [
            f
            for f in model._meta.concrete_fields
            if not f.primary_key
            and f.name not in UNSTABLE | {"seat"}
            and not isinstance(f, models.DateTimeField)
        ]
        world[model._meta.label] = [{f.name: _value(obj, f, ranks) for f in fields} for obj in objs]
    return world


def _value(obj, field, ranks):
    value = getattr(obj, field.attname)
    if value is not None and field.is_relation and field.related_model in ranks:
        return ("rank", ranks[field.related_model].get(value, "outside the seat"))
    return value


def test_a_new_seat_holds_exactly_the_default_seat_s_world(sample_data):
    default = Seat.objects.default()
    seat = seat_create()
    expected = seat_world(default)
    assert seat_world(seat) == expected
    assert sum(len(rows) for rows in expected.values()) > 50  # the whole world, not nothing


def test_every_seat_of_a_class_holds_the_same_world(sample_data):
    classroom = class_create(name="Monday", seat_count=3, language="en")
    worlds = [seat_world(seat) for seat in classroom.seats.order_by("number")]
    assert worlds[0] == worlds[1] == worlds[2] == seat_world(Seat.objects.default())
    assert [seat.number for seat in classroom.seats.order_by("number")] == [1, 2, 3]


def test_a_new_seat_s_passwords_are_the_public_ones(sample_data):
    from django.contrib.auth.hashers import check_password

    from corp_portal.models import PortalLogin
    from seats.scope import seat_scope

    seat = seat_create()
    with seat_scope(seat):
        from accounts.models import User

        assert all(check_password("sandbox-2026", u.password) for u in User.objects.all())
        assert PortalLogin.objects.get().check_password("corp-2026")


def test_a_seat_is_written_in_a_few_dozen_queries_whatever_its_rows(
    sample_data, django_assert_max_num_queries
):
    """A class of 60 seats is made while the trainer waits: each table of a seat's world is
    written in one insert, not row by row (there are about 90 rows), and a new seat's rows are
    written without looking for them first: no lookup, no get_or_create's savepoint (61
    statements before #26, with the three emailed invoices). The budget grows with the
    tables, never the rows."""
    with django_assert_max_num_queries(37):
        seat = seat_create()
    assert sum(len(rows) for rows in seat_world(seat).values()) > 80


def test_a_fresh_load_writes_the_rows_the_looking_load_writes(sample_data):
    """`sandbox_load(fresh=True)` (a new seat, a seat reset) skips the lookups, and writes the
    very rows that looking first, as the default seat's load does, writes into an empty seat."""
    from sandbox.services import sandbox_load
    from seats.scope import seat_scope

    fresh = seat_create()
    looked = Seat.objects.create(number=fresh.number + 1)
    with seat_scope(looked):
        sandbox_load()
    assert seat_world(fresh) == seat_world(looked)
    assert sum(len(rows) for rows in seat_world(fresh).values()) > 80


def test_a_reset_seat_holds_the_default_seat_s_world_again(sample_data):
    from accounts.models import Account
    from sandbox.worlds import seat_reset
    from seats.scope import seat_scope

    seat = seat_create()
    with seat_scope(seat):
        Account.objects.update(billing="changed")
    seat_reset(seat=seat)
    world = seat_world(seat)
    world.pop("accounts.Activity")  # the reset is recorded in the seat's activity
    expected = seat_world(Seat.objects.default())
    expected.pop("accounts.Activity")
    assert world == expected
