"""The hasher of the sandbox's public passwords: cheap on purpose.

The personas' password (`sandbox-2026`) and the sample portal logins' (`corp-2026`) are printed
in the README and on the home page: a hash cannot keep them secret, so spending a second of CPU
on each sign-in (Django's default, PBKDF2 with 1,000,000 iterations) protects nothing and makes
a class signing in together wait in line for the server's cores. These passwords are hashed
with `PublicPasswordHasher` instead: the same PBKDF2, a few iterations, and an algorithm name of
its own, so a public hash is recognised by its prefix.

Every other password keeps Django's default hasher, first in PASSWORD_HASHERS: the trainer's,
a superuser's, and any password a person sets themselves (`set_password` always uses the
default). A persona's public hash is never upgraded to the default on sign-in either: see
`accounts.models.User.check_password`.
"""

import functools

from django.contrib.auth.hashers import PBKDF2PasswordHasher, make_password


class PublicPasswordHasher(PBKDF2PasswordHasher):
    """PBKDF2-SHA256 with 1,000 iterations (about a millisecond), for public passwords only.

    Listed in PASSWORD_HASHERS after the default hasher, never first: it verifies the public
    hashes and is never chosen for a password someone sets.
    """

    algorithm = "pbkdf2_sha256_public"
    iterations = 1_000


def is_public_password_hash(encoded: str | None) -> bool:
    """Whether `encoded` was made by `PublicPasswordHasher` (a persona's or a sample portal
    login's public password)."""
    return bool(encoded) and encoded.startswith(f"{PublicPasswordHasher.algorithm}$")


@functools.cache
def public_password_hash(password: str) -> str:
    """The hash of a public sample password, made once per process and shared by every seat.

    The personas' and the portal's passwords are printed in the README, so neither a salt per
    row nor a costly hash protects anything: they get the cheap `PublicPasswordHasher`, which
    lets 30 trainees sign in at the same moment on two cores, and one hash for every seat. The
    trainer's password, and any password a person sets, get Django's default (docs/deploy.md).
    """
    return make_password(password, hasher=PublicPasswordHasher.algorithm)
