"""Hundreds of classes on one database, in small (`make bench-scale` runs it at 100 classes of
30 seats): what a trainee and a trainer see costs the same queries with one class as with
twenty, and the trainer's class list shows a page of classes, never all of them."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from classes.services import class_create
from classes.views import CLASSES_PER_PAGE
from seats.models import Classroom, Seat

from .crawler import seat_persona_client

pytestmark = pytest.mark.django_db

OTHER_CLASSES = 20


def _queries(client, path: str) -> int:
    client.get(path)  # the seat's "last activity" is written on the first page only
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries)


def test_a_trainees_and_a_trainers_pages_cost_the_same_with_twenty_other_classes(persona):
    first = class_create(name="First", seat_count=1, language="en")
    seat = first.seats.get()
    ana = seat_persona_client(Client(), seat, "ana")
    bruno = seat_persona_client(Client(), seat, "bruno")
    diego = seat_persona_client(Client(), seat, "diego")
    trainer = Client()
    trainer.force_login(persona("trainer"))
    pages = [
        (ana, "/en/billing/subscriptions/"),
        (ana, "/en/billing/my-account/"),
        (bruno, "/en/admin-center/add-licenses/"),
        (diego, "/en/corp-billing/invoices/"),
        (diego, "/en/corp-billing/subscriptions/"),
        (trainer, reverse("classes:board", args=[first.code])),
        (trainer, reverse("classes:list")),
    ]
    with_one = {path: _queries(client, path) for client, path in pages}
    for number in range(OTHER_CLASSES):
        class_create(name=f"Other {number}", seat_count=1, language="en")
    assert Classroom.objects.count() == OTHER_CLASSES + 1
    with_many = {path: _queries(client, path) for client, path in pages}
    assert with_many == with_one


@pytest.fixture
def classroom_sql(persona):
    """The SQL of the class list's page, with classes of seats taken and free."""
    for name in ("Busy", "Quiet"):
        class_create(name=name, seat_count=2, language="en")
    Seat.objects.filter(classroom__name="Busy", number=1).update(display_name="Ada")
    trainer = Client()
    trainer.force_login(persona("trainer"))
    with CaptureQueriesContext(connection) as queries:
        page = trainer.get(reverse("classes:list")).content.decode()
    rows = dict(
        re.findall(r'>([A-Za-z]+)</a></td>.*?data-testid="class-seats">([^<]+)<', page, re.S)
    )
    assert rows == {"Busy": "1 of 2", "Quiet": "0 of 2"}
    return [query["sql"] for query in queries.captured_queries]


def test_the_class_list_shows_a_page_of_classes_newest_first(persona):
    total = CLASSES_PER_PAGE + 5
    for number in range(total):
        Classroom.objects.create(name=f"Class {number:02d}")
    trainer = Client()
    trainer.force_login(persona("trainer"))
    list_url = reverse("classes:list")
    first = trainer.get(list_url)
    rows = first.content.decode().count('data-testid="class-row"')
    assert rows == CLASSES_PER_PAGE
    assert 'data-testid="page-next"' in first.content.decode()
    assert "Class 29" in first.content.decode() and "Class 00" not in first.content.decode()
    second = trainer.get(list_url, {"page": 2}).content.decode()
    assert second.count('data-testid="class-row"') == total - CLASSES_PER_PAGE
    assert "Class 00" in second and 'data-testid="page-previous"' in second
    shown = [f"Class {number:02d}" in first.content.decode() + second for number in range(total)]
    assert all(shown)


def test_the_class_list_reads_the_seats_of_the_classes_it_shows_only(persona, classroom_sql):
    """No join of every class with every seat (a GROUP BY reading all the seats of all the
    classes, for the page and again for its count of classes): each class shown counts its
    own seats, through the seats' class index."""
    class_queries = [sql for sql in classroom_sql if 'FROM "seats_classroom"' in sql]
    reading_seats = [sql for sql in class_queries if '"seats_seat"' in sql]
    assert len(class_queries) == 2 and len(reading_seats) == 1  # the count reads no seat
    for sql in reading_seats:
        assert 'JOIN "seats_seat"' not in sql, sql
        assert '"classroom_id" = ("seats_classroom"."id")' in sql, sql


def _leading_index_columns(table: str) -> set[str]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    return {
        info["columns"][0]
        for info in constraints.values()
        if (info["index"] or info["unique"] or info["primary_key"]) and info["columns"]
    }


def test_every_key_a_page_finds_its_rows_by_leads_an_index():
    """Every page reads a seat's rows by their seat, a class's seats by their class, a class by
    its join code and a seat by its token: each of these columns leads an index, so a page
    reads what it shows whatever the number of other seats and classes."""
    from sandbox.worlds import seat_scoped_models

    missing = [
        model._meta.db_table
        for model in seat_scoped_models()
        if model._meta.get_field("seat").column not in _leading_index_columns(model._meta.db_table)
    ]
    assert missing == []
    assert {"classroom_id", "token"} <= _leading_index_columns(Seat._meta.db_table)
    assert "code" in _leading_index_columns(Classroom._meta.db_table)
