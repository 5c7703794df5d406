"""The decisions of an LTI 1.3 launch: is it valid, and if not why (in words a trainer can act
on); who is launching (a learner or an instructor), under which name, in which language.

The checks are pylti1p3's (`MessageLaunch`'s own steps, run one by one so each refusal has
its reason), plus one pylti1p3 leaves to the tool: a launch's nonce is used once.
"""

import hashlib
import logging

import jwt
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from pylti1p3.contrib.django import DjangoCacheDataStorage, DjangoMessageLaunch
from pylti1p3.exception import LtiException

from seats.names import name_clean

from .http import BoundedSession
from .models import CourseLink
from .tool_conf import SandboxToolConf

logger = logging.getLogger("lms")

CLAIM = "https://purl.imsglobal.org/spec/lti/claim/"
AGS_CLAIM = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
# How long a used nonce is remembered: longer than any launch's life (pylti1p3 keeps the
# nonce it issued for a day).
NONCE_MEMORY = 2 * 24 * 60 * 60

# Why a launch was refused, as the refusal page says it.
REASONS = {
    "state": _(
        "The launch did not come back to the browser that started it (its state is missing "
        "or unknown). Open the activity again from the LMS, in a new window if it opened in "
        "a frame."
    ),
    "token": _("The launch carries no readable token (id_token)."),
    "nonce": _(
        "The launch's one-time code (nonce) has expired or was not given by the sandbox. "
        "Open the activity again from the LMS."
    ),
    "replayed": _(
        "This launch was already used: a launch works once. Open the activity again from the LMS."
    ),
    "issuer": _(
        "No LMS with this issuer and client id is registered in the sandbox. A trainer "
        "registers it on the sandbox's LMS page."
    ),
    "keyset": _(
        "The LMS's key set could not be read: check the key set URL registered for this LMS."
    ),
    "signature": _(
        "The launch's signature does not match the LMS's keys: it was not signed by the "
        "registered LMS, or the key set URL registered for it is wrong."
    ),
    "expired": _("The launch has expired. Open the activity again from the LMS."),
    "deployment": _(
        "This deployment of the LMS is not registered in the sandbox. A trainer adds its "
        "deployment id on the sandbox's LMS page."
    ),
    "message": _("This is not an activity launch the sandbox knows (a resource link launch)."),
    "trainer": _(
        "The trainer who registered this LMS can no longer open classes in the sandbox. "
        "Another trainer registers the LMS again."
    ),
    "full": _("Every seat of this course's class is taken."),
    "login": _(
        "The LMS's login request is incomplete (no issuer or no login hint): check the login "
        "initiation URL pasted in the LMS."
    ),
}


class Refused(Exception):
    """A launch or a login the sandbox refuses: `reason` is a key of REASONS."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail

    @property
    def explanation(self) -> str:
        return str(REASONS[self.reason])


def refusal_logged(refused: Refused, *, step: str) -> None:
    logger.warning("LTI %s refused (%s): %s", step, refused.reason, refused.detail)


def _signature_reason(error: LtiException) -> str:
    if isinstance(error.__cause__, jwt.ExpiredSignatureError):
        return "expired"
    if str(error).startswith(("Error during fetch URL", "Invalid response from")):
        return "keyset"
    return "signature"


class SandboxMessageLaunch(DjangoMessageLaunch):
    """pylti1p3's launch, validated step by step so that a refusal says which step failed."""

    def __init__(self, request):
        self.tool_conf = SandboxToolConf()
        super().__init__(
            request,
            self.tool_conf,
            launch_data_storage=DjangoCacheDataStorage(),
            requests_session=BoundedSession(),
        )

    @classmethod
    def from_request(cls, request) -> "SandboxMessageLaunch":
        """The launch posted to the sandbox, checked; Refused says why it is not valid.

        Over HTTPS pylti1p3 keeps the login's state and nonce under a cookie of the browser
        that started the login, and asks for it as soon as the launch is read: a browser
        without it did not start this launch."""
        try:
            launch = cls(request)
        except LtiException as error:
            raise Refused("state", str(error)) from error
        return launch.checked()

    def checked(self) -> "SandboxMessageLaunch":
        """Validate the launch, or raise Refused. Nothing is written but the used nonce."""
        self._validated = True
        steps = [
            (self.validate_state, "state"),
            (self._validate_jwt_shape, "token"),
            (self.validate_nonce, "nonce"),
            (self.validate_registration, "issuer"),
            (self.validate_jwt_signature, "signature"),
            (self.validate_deployment, "deployment"),
            (self.validate_message, "message"),
        ]
        for step, reason in steps:
            try:
                step()
            except Exception as error:  # pylti1p3's refusal, or a token of the wrong shape
                self._validated = False
                if reason == "signature":
                    reason = _signature_reason(error)
                raise Refused(reason, str(error)) from error
        if not self.is_resource_launch():
            self._validated = False
            raise Refused("message", "not a resource link launch")
        if not nonce_first_use(self.get_launch_data()["nonce"]):
            self._validated = False
            raise Refused("replayed", "nonce used before")
        return self

    def _validate_jwt_shape(self):
        """pylti1p3's format check, and a header and body that are JSON objects."""
        self.validate_jwt_format()
        if not all(isinstance(self._jwt.get(part), dict) for part in ("header", "body")):
            raise LtiException("The JWT's header or body is not a JSON object")

    @property
    def claims(self) -> dict:
        return self.get_launch_data()

    def claim(self, name: str, default=None):
        return self.claims.get(CLAIM + name, default)


def nonce_first_use(nonce: str) -> bool:
    """True the first time a launch's nonce is seen, False ever after (in the shared cache,
    so every server of the sandbox agrees)."""
    digest = hashlib.sha256(nonce.encode()).hexdigest()
    return cache.add(f"lms-nonce-used:{digest}", 1, timeout=NONCE_MEMORY)


def launch_names(claims: dict) -> list[str]:
    """The learner's names, best first: the full name, given and family name, the email."""
    given = " ".join(part for part in (claims.get("given_name"), claims.get("family_name")) if part)
    names = []
    for candidate in (claims.get("name"), given, claims.get("email")):
        if not isinstance(candidate, str) or not candidate.strip():
            continue
        try:
            names.append(name_clean(candidate[:60]))
        except ValidationError:
            continue
    return names


def launch_language(claims: dict) -> str | None:
    """The sandbox's language for the launch's `launch_presentation.locale`, when it is
    English, Spanish or Brazilian Portuguese; None for any other."""
    presentation = claims.get(CLAIM + "launch_presentation") or {}
    locale = str(presentation.get("locale") or "").lower().replace("_", "-")
    if locale == "en" or locale.startswith("en-"):
        return "en"
    if locale == "es" or locale.startswith("es-"):
        return "es"
    if locale == "pt-br":
        return "pt-br"
    return None


def unverified_language(request) -> str | None:
    """The language a refused launch claims (read without trusting it: it only chooses the
    language of the refusal page)."""
    token = request.POST.get("id_token", "")
    try:
        claims = jwt.decode(token, options={"verify_signature": False})
    except jwt.PyJWTError:
        return None
    return launch_language(claims) if isinstance(claims, dict) else None


def is_instructor(launch: SandboxMessageLaunch) -> bool:
    """The LMS's Instructor or Administrator role (pylti1p3's teacher)."""
    return launch.check_teacher_access()


def class_owner(launch: SandboxMessageLaunch):
    """The trainer an instructor's launch signs in as: the owner-to-be of the activity's
    class (`CourseLink.registered_by`), or, before its first launch, the trainer who
    registered the LMS (who will be)."""
    deployment = launch.tool_conf.deployment
    link = (
        CourseLink.objects.select_related("registered_by")
        .filter(
            deployment=deployment,
            context_id=str((launch.claim("context") or {}).get("id") or ""),
            resource_link_id=str((launch.claim("resource_link") or {}).get("id") or ""),
        )
        .first()
    )
    return link.registered_by if link is not None else deployment.platform.registered_by
