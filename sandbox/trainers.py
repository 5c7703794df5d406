"""The trainer: staff with the trainer tools' permissions, signing in with credentials of
their own (docs/deploy.md), never the personas' public password."""

import secrets

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext
from django.views.decorators.debug import sensitive_variables

from accounts.models import User
from seats.models import LEAD_PERMISSION, Seat, is_lead_trainer
from seats.scope import seat_scope

from . import sample_data
from .mail import STAFF_ONLY_HEADER

TRAINER_EMAIL = sample_data.PERSONAS_BY_KEY["trainer"].email
TRAINERS_GROUP = "Trainers"

# What the trainer tools need, and nothing more: reset the sandbox, edit the trainer notes,
# clear sign-in lockouts, and look at (not change) everything else in the Django admin.
TRAINER_PERMISSIONS = [
    ("sandbox", "reset_sandbox"),
    ("sandbox", "change_trainernote"),
    ("axes", "delete_accessattempt"),
]
VIEWED_APPS = [*sample_data.PROJECT_APPS, "axes"]

# The permission every trainer page checks.
RESET_PERMISSION = "sandbox.reset_sandbox"


def is_trainer(user) -> bool:
    return user.has_perm(RESET_PERMISSION)


def is_lead(user) -> bool:
    """A lead trainer: adds trainers and sees every class (seats.models.LEAD_PERMISSION)."""
    return is_trainer(user) and is_lead_trainer(user)


def lead_permission() -> Permission:
    app_label, codename = LEAD_PERMISSION.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def trainers_group() -> Group:
    """The "Trainers" group with the trainer tools' permissions; adds what it lacks."""
    group, _ = Group.objects.get_or_create(name=TRAINERS_GROUP)
    chosen = Q(codename__startswith="view_", content_type__app_label__in=VIEWED_APPS)
    for app_label, codename in TRAINER_PERMISSIONS:
        chosen |= Q(content_type__app_label=app_label, codename=codename)
    group.permissions.add(*Permission.objects.filter(chosen))
    return group


@sensitive_variables("wanted", "generated")
def trainer_load(*, password_hash: str | None = None) -> str | None:
    """Create the trainer if absent (with `password_hash`, kept across a reset), in the
    Trainers group, staff and never a superuser; a trainer created here is the lead trainer.

    The password is SANDBOX_TRAINER_PASSWORD when set. Unset, an existing password is never
    changed, unless it is the personas' public one; a new one is generated and returned, to
    be shown once by the command that ran the set-up. Returns None otherwise.
    """
    data = sample_data.PERSONAS_BY_KEY["trainer"]
    trainer = User.objects.filter(email=TRAINER_EMAIL).first()
    created = trainer is None
    if created:
        trainer = User(email=TRAINER_EMAIL, first_name=data.first_name, last_name=data.last_name)
        trainer.password = password_hash or ""
    generated = None
    wanted = settings.SANDBOX_TRAINER_PASSWORD
    if wanted:
        if not check_password(wanted, trainer.password):
            trainer.set_password(wanted)
    elif not trainer.password or check_password(settings.SANDBOX_PASSWORD, trainer.password):
        generated = secrets.token_urlsafe(12)
        trainer.set_password(generated)
    trainer.is_staff = True
    trainer.is_superuser = False
    trainer.save()
    trainer.groups.add(trainers_group())
    if created:
        # The sandbox's first trainer is its lead; on an existing database the migration
        # seats/0006 made them one. Never given again: a lead may take it away in the admin.
        trainer.user_permissions.add(lead_permission())
    return generated


def trainer_password_notice(password: str) -> str:
    """What the set-up prints, once, when it generated the trainer's password."""
    return (
        f"The trainer's password ({TRAINER_EMAIL}), shown this once: {password}\n"
        "Keep it for the trainer. To choose it yourself, set SANDBOX_TRAINER_PASSWORD; "
        f"to replace a lost one: python manage.py changepassword {TRAINER_EMAIL}"
    )


# Adding trainers (a lead trainer's page, or `manage.py trainer_add`): a staff user in the
# Trainers group, in the default seat, with no usable password until they set one through a
# one-time link (Django's PasswordResetTokenGenerator: the link stops working once the
# password is set, or after PASSWORD_RESET_TIMEOUT).


def trainers_all():
    """Every trainer, active or not (the staff in the Trainers group), by name."""
    with seat_scope(Seat.objects.default()):
        return list(
            User.objects.filter(is_staff=True, groups__name=TRAINERS_GROUP)
            .order_by("first_name", "last_name", "email")
            .distinct()
        )


def trainer_by_uid(uidb64: str) -> User | None:
    """The trainer a set-password link names (the user id in base 64), or None."""
    try:
        pk = int(urlsafe_base64_decode(uidb64).decode())
    except (TypeError, ValueError, OverflowError, UnicodeDecodeError):
        return None
    with seat_scope(Seat.objects.default()):
        return User.objects.filter(pk=pk, is_staff=True).first()


def trainer_password_path(trainer: User) -> str:
    """The trainer's one-time link to set their password (a path; the caller makes it
    absolute)."""
    uidb64 = urlsafe_base64_encode(force_bytes(trainer.pk))
    token = default_token_generator.make_token(trainer)
    return reverse("sandbox:trainer-password", kwargs={"uidb64": uidb64, "token": token})


@transaction.atomic
def trainer_add(*, email: str, name: str, link_base: str) -> tuple[User, str]:
    """A new trainer and their one-time set-password link (`link_base` + its path), sent to
    them by email (the sandbox's Mailbox); the link is returned too, for the command to print
    once. An email that already has an account is refused (ValidationError on `email`)."""
    with seat_scope(Seat.objects.default()):
        if User.objects.filter(email__iexact=email).exists():
            raise ValidationError(
                {"email": gettext("Someone in the sandbox already has this email.")}
            )
        first_name, _space, last_name = name.strip().partition(" ")
        trainer = User(
            email=email, first_name=first_name, last_name=last_name.strip(), is_staff=True
        )
        trainer.set_unusable_password()
        trainer.save()
        trainer.groups.add(trainers_group())
        link = link_base + trainer_password_path(trainer)
        EmailMessage(
            gettext("Set your trainer password for the billing sandbox"),
            gettext(
                "Hello %(name)s,\n\nYou are now a trainer of the billing sandbox. Set your "
                "password with this link (it works once):\n\n%(link)s\n\nThen sign in with "
                "your email, %(email)s."
            )
            % {"name": name.strip(), "link": link, "email": email},
            to=[email],
            headers={STAFF_ONLY_HEADER: "1"},  # the Mailbox shows it to staff only
        ).send()
    return trainer, link


@transaction.atomic
def trainer_deactivate(*, trainer: User) -> User:
    """The trainer can no longer sign in, nor their tokens act; their classes stay, run by
    the lead trainers."""
    trainer.is_active = False
    trainer.save(update_fields=["is_active"])
    return trainer
