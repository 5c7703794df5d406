"""Who may do what through the API: two decisions, and the DRF permission that asks one.

On an open sandbox (SANDBOX_OPEN, the default) anyone may create a seat, as anyone may open
the sandbox's pages; the rate limit (`throttling.py`) keeps one address from filling the
database. On a closed sandbox only the trainer creates seats: signed in on the pages, or a
script sending a trainer-issued token (`authentication.TrainerTokenAuthentication` makes the
trainer the request's user). A seat, once made, is addressed by whoever made it (its token)
or by the trainer; to anyone else it does not exist (a 404, as another seat's rows are on the
pages).
"""

from django.conf import settings
from rest_framework.permissions import BasePermission

from sandbox.trainers import is_trainer
from seats.models import Seat


def acts_as_trainer(user) -> bool:
    """The one question of trainer access through the API: the trainer's signed-in session,
    or a valid trainer-issued token (whose request's user is the trainer). Every endpoint that
    is the trainer's asks this, so a token is accepted wherever the session is. It is the
    pages' question (`sandbox.access.TrainerRequiredMixin`): `sandbox.trainers.is_trainer`,
    the Trainers group's permission."""
    return user is not None and is_trainer(user)


def runs_seat(user, seat: Seat) -> bool:
    """Is `seat` one the trainer runs (`Seat.objects.run_by`: a seat of their classes; a
    lead's: every seat)? A trainer-issued token acts for the trainer who made it, so within
    that trainer's classes."""
    return Seat.objects.run_by(user).filter(pk=seat.pk).exists()


def may_create_seats(user) -> bool:
    """Creating a seat through the API: anyone on an open sandbox, the trainer on a closed one."""
    return settings.SANDBOX_OPEN or acts_as_trainer(user)


def presents_credentials(*, user, sends_seat_token: bool, joined_seat: Seat | None) -> bool:
    """Does a request to a seat's address say who sends it? A seat's token (any seat's, even
    one deleted since), a signed-in session (the trainer's, a persona's), a trainer-issued
    token (whose user is the trainer), or a browser in a seat. One with none is asked for a
    credential (401) whatever the seat id; one with a credential that does not reach the seat
    gets a 404, as for an id no seat has."""
    return sends_seat_token or joined_seat is not None or bool(user and user.is_authenticated)


def may_manage_seat(
    *, user, token_seat: Seat | None, seat: Seat, joined_seat: Seat | None = None
) -> bool:
    """Reading, resetting or deleting `seat` through the API.

    The default seat: nobody (it is the sandbox as it always was; reset_sandbox restores it). A
    trainer: the seats they run (`runs_seat`: a lead's, every other seat). A script: the seat
    whose token it sends, or the seat its session entered through the seat's `join_url` (keeping
    its cookies), when that seat belongs to no class; a class's seats are the trainer's, and
    their trainees use the pages.
    """
    if seat.is_default:
        return False
    if acts_as_trainer(user) and runs_seat(user, seat):
        return True
    if seat.classroom_id is not None:
        return False
    return any(known is not None and known.pk == seat.pk for known in (token_seat, joined_seat))


def may_read_answer_key(user) -> bool:
    """The faults' answer key (`GET /faults/`): the trainer only; a trainee never learns that
    faults exist."""
    return acts_as_trainer(user)


def may_switch_faults(*, user, seat: Seat) -> bool:
    """Reading or switching a seat's faults: a trainer, in a seat they run but the default one
    (the sandbox outside any seat stays as the article says). A seat's own token is not
    enough: whoever sits in the seat must not learn which faults are on."""
    return acts_as_trainer(user) and not seat.is_default and runs_seat(user, seat)


class CreatesSeats(BasePermission):
    """POST asks `may_create_seats`; other methods are the view's to answer (405)."""

    code = "trainer_required"  # its message: errors.MESSAGES

    def has_permission(self, request, view):
        return request.method != "POST" or may_create_seats(request.user)


class ReadsAnswerKey(BasePermission):
    """Every method of the faults' endpoints asks `may_read_answer_key` first, before any seat
    is looked up: anyone but the trainer gets the 404 of an unknown address
    (`faults_views.TrainerOnlyView`)."""

    def has_permission(self, request, view):
        return may_read_answer_key(request.user)
