"""Reading and switching the faults of a seat (what each fault does: `catalog.py`)."""

import logging

from django.db import transaction

from seats.models import Seat
from seats.prepared import PreparedRead

from .catalog import FAULTS_BY_ID, Fault, faults_of
from .models import SeatFault

logger = logging.getLogger(__name__)


class UnknownFault(ValueError):
    """A fault id the catalog does not have."""

    def __init__(self, fault_ids: list[str]):
        self.fault_ids = fault_ids
        super().__init__(", ".join(fault_ids))


def seat_faults(*, seat: Seat) -> list[Fault]:
    """The faults switched on in `seat`, in the catalog's order (none in the default seat)."""
    if seat.is_default:
        return []
    return faults_of(fault_id for (fault_id,) in _faults_on(seat.pk))


# The faults on in a seat, read by a request a fault may spoil, its SQL compiled once a process
# (seats.prepared). Unordered: faults_of puts them in the catalog's order (the model's ordering
# would join the seat for nothing).
_faults_on = PreparedRead(
    lambda seat_id: SeatFault.objects.filter(seat=seat_id).order_by().values_list("fault"),
    SeatFault._meta.get_field("seat"),
)


def seat_faults_by_seat(*, seats) -> dict[int, list[Fault]]:
    """seat id -> the faults on, for many seats in one query (the class board)."""
    found: dict[int, set[str]] = {}
    for seat_id, fault_id in SeatFault.objects.filter(seat__in=seats).values_list(
        "seat_id", "fault"
    ):
        found.setdefault(seat_id, set()).add(fault_id)
    return {seat_id: faults_of(fault_ids) for seat_id, fault_ids in found.items()}


def seat_faults_set(*, seat: Seat, fault_ids: list[str], actor=None) -> list[Fault]:
    """Switch on exactly these faults in `seat` (an empty list switches them all off).

    Refuses an id the catalog lacks (`UnknownFault`) and the default seat (a ValueError: the
    sandbox outside any seat stays as the article says). Nothing is recorded in the seat's
    activity, which its trainee reads: only the server's log says who switched what.
    """
    unknown = [fault_id for fault_id in fault_ids if fault_id not in FAULTS_BY_ID]
    if unknown:
        raise UnknownFault(unknown)
    if seat.is_default:
        raise ValueError("The default seat has no faults.")
    wanted = set(fault_ids)
    with transaction.atomic():
        SeatFault.objects.filter(seat=seat).exclude(fault__in=wanted).delete()
        have = set(SeatFault.objects.filter(seat=seat).values_list("fault", flat=True))
        SeatFault.objects.bulk_create(
            SeatFault(seat=seat, fault=fault_id) for fault_id in sorted(wanted - have)
        )
    logger.info(
        "Faults of seat %s set to %s by %s",
        seat.pk,
        sorted(wanted) or "none",
        getattr(actor, "email", None) or "?",
    )
    return faults_of(wanted)
