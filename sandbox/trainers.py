"""The trainer: staff with the trainer tools' permissions, signing in with credentials of
their own (docs/deploy.md), never the personas' public password."""

import secrets

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.contrib.auth.models import Group, Permission
from django.db.models import Q
from django.views.decorators.debug import sensitive_variables

from accounts.models import User

from . import sample_data

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
    Trainers group, staff and never a superuser.

    The password is SANDBOX_TRAINER_PASSWORD when set. Unset, an existing password is never
    changed, unless it is the personas' public one; a new one is generated and returned, to
    be shown once by the command that ran the set-up. Returns None otherwise.
    """
    data = sample_data.PERSONAS_BY_KEY["trainer"]
    trainer = User.objects.filter(email=TRAINER_EMAIL).first()
    if trainer is None:
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
    return generated


def trainer_password_notice(password: str) -> str:
    """What the set-up prints, once, when it generated the trainer's password."""
    return (
        f"The trainer's password ({TRAINER_EMAIL}), shown this once: {password}\n"
        "Keep it for the trainer. To choose it yourself, set SANDBOX_TRAINER_PASSWORD; "
        f"to replace a lost one: python manage.py changepassword {TRAINER_EMAIL}"
    )
