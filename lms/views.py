"""The LMS pages: the trainer's page that registers an LMS and shows what the LMS needs, and
the three addresses an LMS calls (OIDC login initiation, launch, key set), outside the
language prefix so the URLs pasted in the LMS never change.

Decisions are `lms.launch`'s, writes `lms.services`'. A refused login or launch is a page
(400) in the launch's language that says why; it is logged and writes nothing."""

from django.contrib import messages
from django.contrib.auth import login
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import FormView
from pylti1p3.contrib.django import DjangoCacheDataStorage, DjangoOIDCLogin
from pylti1p3.exception import LtiException, OIDCException

from accounts.backends import USER_BACKEND
from classes.services import ClassFull
from core.public_url import absolute_url
from sandbox.access import TrainerRequiredMixin
from sandbox.trainers import is_trainer
from seats.claims import claims_read, claims_write
from seats.middleware import seat_enter, seat_leave

from .forms import PlatformForm
from .keys import key_set, tool_key
from .launch import (
    AGS_CLAIM,
    Refused,
    SandboxMessageLaunch,
    class_owner,
    is_instructor,
    launch_language,
    launch_names,
    refusal_logged,
    unverified_language,
)
from .models import Platform
from .services import course_link_launch, launched_seat_take, platform_register
from .tool_conf import SandboxToolConf


def tool_urls(request) -> dict[str, str]:
    """What the LMS is given: the sandbox's addresses, absolute (`core.public_url`)."""
    return {
        name: absolute_url(request, reverse(f"lms-tool:{name}"))
        for name in ("login", "launch", "jwks")
    }


class PlatformListView(TrainerRequiredMixin, FormView):
    """Trainers only: the LMSs they registered (a lead: every one), the form that registers
    one, and what to paste in the LMS (the sandbox's URLs and public key)."""

    template_name = "lms/platforms.html"
    form_class = PlatformForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            platforms=Platform.objects.registered_for(self.request.user)
            .prefetch_related("deployments")
            .select_related("registered_by"),
            tool_urls=tool_urls(self.request),
            public_key=tool_key().public_pem,
            **kwargs,
        )

    def form_valid(self, form):
        platform = platform_register(**form.cleaned_data, registered_by=self.request.user)
        messages.success(
            self.request, _("The LMS %(name)s is registered.") % {"name": platform.name}
        )
        return redirect("lms:platforms")


class KeySetView(View):
    """The sandbox's public key as a JSON Web Key Set, for the LMS. `View`: a JSON document,
    no template to render."""

    http_method_names = ["get", "head"]

    def get(self, request):
        return JsonResponse(key_set())


def _refused(request, refused: Refused, *, step: str, language: str | None = None):
    refusal_logged(refused, step=step)
    language = language or translation.get_language_from_request(request)
    with translation.override(language):
        response = render(
            request,
            "lms/refused.html",
            {"reason": refused.reason, "explanation": refused.explanation},
            status=400,
        )
    return response


@method_decorator(csrf_exempt, name="dispatch")
class LoginView(View):
    """OIDC login initiation: the LMS names itself, the sandbox sends the browser back to
    the LMS's authentication URL with a state (a cookie of this browser) and a nonce."""

    def get(self, request):
        return self.initiate(request)

    def post(self, request):
        return self.initiate(request)

    def initiate(self, request):
        oidc_login = DjangoOIDCLogin(
            request, SandboxToolConf(), launch_data_storage=DjangoCacheDataStorage()
        )
        try:
            return oidc_login.redirect(tool_urls(request)["launch"])
        except (LtiException, OIDCException) as error:
            reason = "issuer" if "registration" in str(error) else "login"
            return _refused(request, Refused(reason, str(error)), step="login")


@method_decorator(csrf_exempt, name="dispatch")
class LaunchView(View):
    """The launch: checked (`lms.launch`), then a learner goes to their seat of the
    course's class, an instructor to the class's board."""

    def post(self, request):
        try:
            launch = SandboxMessageLaunch.from_request(request)
        except Refused as refused:
            return _refused(request, refused, step="launch", language=unverified_language(request))
        claims = launch.claims
        language = launch_language(claims)
        trainer = class_owner(launch)
        instructor = is_instructor(launch)
        if instructor and not (trainer.is_active and is_trainer(trainer)):
            refused = Refused("trainer", str(trainer.pk))
            return _refused(request, refused, step="launch", language=language)
        link = course_link_launch(
            deployment=launch.tool_conf.deployment,
            context=launch.claim("context") or {},
            resource_link=launch.claim("resource_link") or {},
            language=language,
            ags=claims.get(AGS_CLAIM) or {},
        )
        language = language or link.classroom.language
        if instructor:
            return self.instructor(request, link, language)
        return self.learner(request, link, claims, language)

    def instructor(self, request, link, language):
        """The LMS vouches that this person teaches the course: the browser is signed in
        as the trainer who registered the LMS (still a trainer: asked before anything was
        made), on the class's board."""
        seat_leave(request)
        login(request, link.registered_by, backend=USER_BACKEND)
        with translation.override(language):
            return redirect("classes:board", code=link.classroom.code)

    def learner(self, request, link, claims, language):
        claims_cookie = claims_read(request)
        try:
            seat = launched_seat_take(
                link=link,
                sub=str(claims.get("sub") or ""),
                names=launch_names(claims),
                device=claims_cookie.device,
            )
        except ClassFull:
            return _refused(
                request, Refused("full", link.classroom.code), step="launch", language=language
            )
        seat_enter(request, seat)
        claims_cookie.add(seat)
        with translation.override(language):
            welcome = _("Welcome, %(name)s: you are in %(seat)s.")
            messages.success(request, welcome % {"name": seat.display_name, "seat": seat})
            response = redirect("sandbox:home")
        claims_write(response, claims_cookie)
        return response
