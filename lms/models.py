"""What the sandbox keeps of the LMSs that launch it (LTI 1.3, docs/lti.md).

- `ToolKey`: the sandbox's own key pair, made once and kept: the LMS checks the sandbox's
  signed requests (the grade service's token request) against its public half.
- `Platform`: an LMS a trainer registered (its issuer, the client id it gave the sandbox, its
  key set, token and sign-in URLs), and `Deployment`: the deployment ids it launches with.
- `CourseLink`: one activity of one course of that LMS (deployment, context, resource link),
  and the class it launches into. `registered_by` is the trainer who registered the LMS: the
  class's owner-to-be (classes have no owner yet).
- `LaunchedSeat`: which seat of that class is which learner of the LMS (`sub`), so launching
  again returns the same seat on any device.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from seats.models import trainers_own


class ToolKey(models.Model):
    """The sandbox's RSA key pair (one row): made at first need, never regenerated."""

    kid = models.CharField(_("key id"), max_length=100, unique=True)
    private_pem = models.TextField(_("private key"))
    public_pem = models.TextField(_("public key"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("tool key")
        verbose_name_plural = _("tool keys")

    def __str__(self):
        return self.kid


class PlatformQuerySet(models.QuerySet):
    def registered_for(self, user) -> "PlatformQuerySet":
        """The LMSs `user` sees on the LMS page: every one for a lead trainer, those they
        registered for a trainer (`seats.models.trainers_own`, as classes)."""
        return trainers_own(self, user, owner="registered_by")


class Platform(models.Model):
    """An LMS registered by a trainer: what the sandbox needs to trust its launches."""

    name = models.CharField(_("name"), max_length=120)
    issuer = models.URLField(_("issuer"), max_length=255)
    client_id = models.CharField(_("client id"), max_length=255)
    auth_login_url = models.URLField(_("authentication request URL"), max_length=500)
    token_url = models.URLField(_("access token URL"), max_length=500)
    keyset_url = models.URLField(_("key set URL"), max_length=500)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        related_name="lms_platforms",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = PlatformQuerySet.as_manager()

    class Meta:
        verbose_name = _("LMS")
        verbose_name_plural = _("LMSs")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["issuer", "client_id"], name="lms_one_client_id")
        ]

    def __str__(self):
        return self.name


class Deployment(models.Model):
    platform = models.ForeignKey(
        Platform, verbose_name=_("LMS"), on_delete=models.CASCADE, related_name="deployments"
    )
    deployment_id = models.CharField(_("deployment id"), max_length=255)

    class Meta:
        verbose_name = _("deployment")
        verbose_name_plural = _("deployments")
        constraints = [
            models.UniqueConstraint(
                fields=["platform", "deployment_id"], name="lms_one_deployment_id"
            )
        ]

    def __str__(self):
        return f"{self.platform}: {self.deployment_id}"


class CourseLink(models.Model):
    """One activity of one course of the LMS, and the class its launches land in."""

    deployment = models.ForeignKey(
        Deployment, verbose_name=_("deployment"), on_delete=models.CASCADE, related_name="links"
    )
    context_id = models.CharField(_("course id"), max_length=255)
    resource_link_id = models.CharField(_("resource link id"), max_length=255)
    classroom = models.ForeignKey(
        "seats.Classroom",
        verbose_name=_("class"),
        on_delete=models.CASCADE,
        related_name="lms_links",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        related_name="lms_course_links",
        help_text=_("The trainer who registered the LMS: the class's owner-to-be."),
    )
    # The Assignment and Grade Services claim of the last launch (empty: no grade service).
    ags = models.JSONField(_("grade service"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("course link")
        verbose_name_plural = _("course links")
        constraints = [
            models.UniqueConstraint(
                fields=["deployment", "context_id", "resource_link_id"], name="lms_one_link"
            )
        ]

    def __str__(self):
        return f"{self.deployment}: {self.context_id} / {self.resource_link_id}"


class LaunchedSeat(models.Model):
    """The seat of one learner of the LMS (`sub`, the LMS's stable id of the person)."""

    link = models.ForeignKey(
        CourseLink, verbose_name=_("course link"), on_delete=models.CASCADE, related_name="seats"
    )
    sub = models.CharField(_("LMS user id"), max_length=255)
    seat = models.ForeignKey(
        "seats.Seat", verbose_name=_("seat"), on_delete=models.CASCADE, related_name="lms_seats"
    )

    class Meta:
        verbose_name = _("launched seat")
        verbose_name_plural = _("launched seats")
        constraints = [models.UniqueConstraint(fields=["link", "sub"], name="lms_one_seat")]

    def __str__(self):
        return f"{self.link}: {self.sub}"
