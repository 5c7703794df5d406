"""The writes of the LMS side: a trainer registering an LMS, and a valid launch finding (or
making, the first time) its class and the learner's seat. Classes and seats are made by the
classroom's own services (`classes.services`), so a launched seat is a seat like any other
and its name keeps the names' rules."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import User
from classes.services import ClassFull, NameTaken, class_create, seat_join
from sandbox.worlds import seat_create
from seats.models import MAX_SEATS_PER_CLASS, Classroom, Seat

from .models import CourseLink, Deployment, LaunchedSeat, Platform


@transaction.atomic
def platform_register(
    *,
    name: str,
    issuer: str,
    client_id: str,
    deployment_ids: list[str],
    auth_login_url: str,
    token_url: str,
    keyset_url: str,
    registered_by: User,
) -> Platform:
    """Register an LMS, or update the one with this issuer and client id (its URLs; its
    deployment ids are added to those it had)."""
    platform, _created = Platform.objects.update_or_create(
        issuer=issuer,
        client_id=client_id,
        defaults={
            "name": name,
            "auth_login_url": auth_login_url,
            "token_url": token_url,
            "keyset_url": keyset_url,
            "registered_by": registered_by,
        },
    )
    for deployment_id in deployment_ids:
        Deployment.objects.get_or_create(platform=platform, deployment_id=deployment_id)
    return platform


def _class_name(context: dict, resource_link: dict) -> str:
    parts = [
        str(context.get("title") or context.get("label") or ""),
        str(resource_link.get("title") or ""),
    ]
    name = " · ".join(part for part in parts if part) or _("Course from the LMS")
    return name[:120]


@transaction.atomic
def course_link_launch(
    *,
    deployment: Deployment,
    context: dict,
    resource_link: dict,
    language: str | None,
    ags: dict,
) -> CourseLink:
    """The link of this (deployment, course, activity) and its class, made on its first
    launch; a class the trainer ended is made again. Keeps the launch's grade service."""
    context_id = str(context.get("id") or "")
    resource_link_id = str(resource_link.get("id") or "")
    link = (
        CourseLink.objects.select_related("classroom", "registered_by")
        .filter(deployment=deployment, context_id=context_id, resource_link_id=resource_link_id)
        .first()
    )
    if link is None:
        try:
            with transaction.atomic():
                classroom = class_create(
                    name=_class_name(context, resource_link),
                    seat_count=1,
                    language=language or Classroom._meta.get_field("language").default,
                    owner=deployment.platform.registered_by,
                )
                link = CourseLink.objects.create(
                    deployment=deployment,
                    context_id=context_id,
                    resource_link_id=resource_link_id,
                    classroom=classroom,
                    registered_by=deployment.platform.registered_by,
                    ags=ags,
                )
        except IntegrityError:  # the same course's first launch, at the same moment
            link = CourseLink.objects.get(
                deployment=deployment, context_id=context_id, resource_link_id=resource_link_id
            )
    if link.ags != ags:
        link.ags = ags
        link.save(update_fields=["ags"])
    return link


def _seat_join_growing(*, classroom: Classroom, display_name: str, device: str) -> Seat:
    """`seat_join`, adding a seat to the class when every seat is taken (up to the most a
    class has)."""
    while True:
        try:
            return seat_join(classroom=classroom, display_name=display_name, device=device)
        except ClassFull:
            if classroom.seats.count() >= MAX_SEATS_PER_CLASS:
                raise
            seat_create(classroom=classroom)


def _candidates(names: list[str]):
    """The learner's names, then the first one numbered ("Ana Ortega (2)") for a course
    with two learners of one name."""
    yield from names
    first = names[0] if names else _("Learner")
    for number in range(2, MAX_SEATS_PER_CLASS + 2):
        suffix = f" ({number})"
        yield first[: 60 - len(suffix)] + suffix


@transaction.atomic
def launched_seat_take(*, link: CourseLink, sub: str, names: list[str], device: str) -> Seat:
    """The learner's seat in the link's class: the same one at every launch (by `sub`), on
    any device; on the first launch, the next free seat, named from the launch. Raises
    ClassFull when the class has its most seats, all taken."""
    mine = LaunchedSeat.objects.select_related("seat").filter(link=link, sub=sub).first()
    if mine is not None and mine.seat.name_key:
        return mine.seat
    if mine is not None:  # the trainer freed the seat: the learner takes one again
        mine.delete()
    for name in _candidates(names):
        try:
            seat = _seat_join_growing(classroom=link.classroom, display_name=name, device=device)
        except (NameTaken, ValidationError):
            continue
        LaunchedSeat.objects.create(link=link, sub=sub, seat=seat)
        return seat
    raise ClassFull
