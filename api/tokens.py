"""The trainer-issued tokens' services: create one (its key returned this once), revoke one,
and find the token a key belongs to."""

import hashlib
import secrets

from django.utils import timezone

from accounts.models import User
from sandbox.trainers import TRAINER_EMAIL
from seats.models import Seat
from seats.scope import seat_scope

from .models import TrainerToken

# What `trainer_token_create` makes: "bst_" and 43 URL-safe characters (32 random bytes).
KEY_PREFIX = "bst_"


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def the_trainer() -> User | None:
    """The sandbox's first trainer (trainer@sandbox.example), who lives in the default seat."""
    with seat_scope(Seat.objects.default()):
        return User.objects.filter(email=TRAINER_EMAIL).first()


def trainer_token_create(*, name: str, trainer: User | None = None) -> tuple[TrainerToken, str]:
    """A new token, acting for `trainer` (default: the sandbox's first trainer), and its
    key. The key is returned once and stored only as its hash."""
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = TrainerToken.objects.create(
        name=name,
        trainer=trainer or the_trainer(),
        key_hash=key_hash(key),
        key_prefix=key[:8],
    )
    return token, key


def trainer_token_revoke(*, token: TrainerToken) -> TrainerToken:
    """Stops the token from working from now on (revoking it twice keeps the first date)."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def trainer_token_find(key: str) -> TrainerToken | None:
    """The token of this key, revoked or not; None when no token has it."""
    return TrainerToken.objects.select_related("trainer").filter(key_hash=key_hash(key)).first()


def trainer_token_used(*, token: TrainerToken) -> None:
    """Notes when the token was last used (shown on the trainer's page)."""
    now = timezone.now()
    TrainerToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
