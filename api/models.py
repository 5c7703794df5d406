"""Trainer-issued tokens: how a script acts as the trainer on a closed sandbox.

The trainer creates a token on the trainer's API tokens page and copies its key, shown once;
the sandbox keeps only a hash of it (SHA-256: the key is a long random secret, so a fast hash
is enough, unlike a person's password). A revoked token is kept, marked, so the page can say
when it stopped working.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TrainerToken(models.Model):
    """A key a script sends as `Authorization: Token <key>` to act as the trainer."""

    name = models.CharField(_("name"), max_length=80)
    # The trainer the token acts for, within that trainer's classes.
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainer"),
        on_delete=models.CASCADE,
        null=True,
        related_name="+",
    )
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    # The key's first characters, to tell tokens apart on the page (never enough to use one).
    key_prefix = models.CharField(max_length=8, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("trainer token")
        verbose_name_plural = _("trainer tokens")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.name} ({self.key_prefix}…)"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
