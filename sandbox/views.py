from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import DetailView, ListView, TemplateView, View

from accounts.backends import USER_BACKEND
from accounts.decisions import Outcome
from accounts.models import Activity, User
from core.centers import CENTERS
from core.lists import link_maker
from core.redirects import same_site_url
from logmein_id.views import separate_sign_ins_kept
from seats.models import Classroom, Seat
from seats.prepared import PreparedRead
from seats.scope import seat_scope

from .access import LeadRequiredMixin, TrainerRequiredMixin
from .forms import MailboxFilterForm
from .guide import AROUND_THE_ARTICLE, FALLBACK, guide_tables
from .lockouts import PORTAL, lockout_clear, lockouts_active, lockouts_clear_all
from .models import MailboxMessage, Persona, reads_staff_mail
from .personas import persona_lines, persona_rows
from .qa import qa_url_groups
from .services import sandbox_reset
from .states import state_controls
from .trainer_notes import trainer_notes_on, trainer_notes_switch
from .trainers import is_lead, is_trainer
from .worlds import default_seat_reset


def shown_credentials() -> dict[str, str]:
    """The sample passwords, or nothing where the sandbox is not open (SANDBOX_OPEN=false)."""
    if not settings.SANDBOX_OPEN:
        return {"sandbox_password": "", "portal_password": ""}
    return {
        "sandbox_password": settings.SANDBOX_PASSWORD,
        "portal_password": settings.SANDBOX_PORTAL_PASSWORD,
    }


# What the home page reads of each persona, their person and their account: the persona
# table (sandbox.personas.persona_lines) and the decisions of their paths, nothing more.
HOME_FIELDS = [
    "key",
    "description",
    "user__first_name",
    "user__last_name",
    "user__email",
    "user__is_staff",
    "user__is_account_admin",
    "user__is_billing_admin",
    "user__account__name",
    "user__account__billing",
]


# The home page's one read of the personas, its SQL compiled once a process (seats.prepared).
_home_personas = PreparedRead(
    lambda: Persona.objects.select_related("user__account").only(*HOME_FIELDS)
)


class HomeView(TemplateView):
    """What the sandbox is, its three centers and its sample personas (read in one query)."""

    template_name = "sandbox/home.html"

    def get_context_data(self, **kwargs):
        personas = _home_personas()
        return super().get_context_data(
            centers=CENTERS,
            persona_lines=persona_lines(
                persona_rows([p for p in personas if p.user.account_id is not None])
            ),
            staff_personas=[p for p in personas if p.user.account_id is None],
            **shown_credentials(),
            **kwargs,
        )


class MailboxView(ListView):
    """Every email the sandbox sent in the seat, newest first, optionally for one recipient;
    mail to the sandbox's staff for staff only (`MailboxMessage.objects.readable_by`)."""

    template_name = "sandbox/mailbox.html"
    context_object_name = "messages_sent"
    paginate_by = 25

    def get_queryset(self):
        # A recipient that is no email address (or holds control characters) is not looked
        # up: the page says so and shows everyone's messages.
        self.filter_form = MailboxFilterForm(self.request.GET)
        self.recipient = self.filter_form.cleaned_data["to"] if self.filter_form.is_valid() else ""
        queryset = MailboxMessage.objects.readable_by(self.request.user)
        if self.recipient:
            queryset = queryset.filter(recipient=self.recipient)
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            filter_form=self.filter_form,
            recipient=self.recipient,
            recipients=mailbox_recipients(self.request.user),
            **kwargs,
        )
        link = link_maker("sandbox:mailbox-message")  # one reversal for the page's messages
        for message in context["messages_sent"]:
            message.url = link(message.pk)
        return context


def _recipients_read(*, staff: bool) -> PreparedRead:
    return PreparedRead(
        lambda: (
            MailboxMessage.objects.readable(staff=staff)
            .order_by("recipient")
            .values_list("recipient")
            .distinct()
        )
    )


# The Mailbox filter's list, for the staff and for anyone else, its SQL compiled once a process
# (seats.prepared).
_RECIPIENTS = {staff: _recipients_read(staff=staff) for staff in (True, False)}


def mailbox_recipients(viewer) -> list[str]:
    """Every address the messages `viewer` may read went to, in order, each once."""
    return [recipient for (recipient,) in _RECIPIENTS[reads_staff_mail(viewer)]()]


class MailboxMessageView(DetailView):
    template_name = "sandbox/mailbox_message.html"
    context_object_name = "message"

    def get_object(self, queryset=None):
        readable = MailboxMessage.objects.readable_by(self.request.user)
        return get_object_or_404(readable, pk=self.kwargs["pk"])


class GuideView(TemplateView):
    """The article's two decision tables as a flow chart, each branch with its personas."""

    template_name = "sandbox/guide.html"

    def get_context_data(self, **kwargs):
        request = self.request
        return super().get_context_data(
            tables=guide_tables(),
            fallback=FALLBACK,
            around_the_article=AROUND_THE_ARTICLE,
            state_controls=state_controls(user=request.user, joined_seat=request.joined_seat),
            **shown_credentials(),
            **kwargs,
        )


class QaView(TemplateView):
    """For people writing their own scripts: outcome ids, personas and every center's URLs."""

    template_name = "sandbox/qa.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            outcomes=list(Outcome),
            persona_rows=persona_rows(),
            staff_personas=Persona.objects.select_related("user").filter(
                user__account__isnull=True
            ),
            url_groups=qa_url_groups(),
            **shown_credentials(),
            **kwargs,
        )


class QaJsonView(View):
    """The QA page's facts as JSON, for scripts. `View`: a JSON document, no template for a
    generic view to render (Django's own way for another format: `get` returning it)."""

    def get(self, request):
        return JsonResponse(qa_facts(), json_dumps_params={"ensure_ascii": False, "indent": 2})


def qa_facts() -> dict:
    """What qa.json says: the sample passwords (where shown), outcomes, personas and URLs."""
    rows = persona_rows()
    return {
        **shown_credentials(),
        "outcomes": [{"id": o.value, "label": str(o.label)} for o in Outcome],
        "personas": [
            {
                "key": row.persona.key,
                "email": row.user.email,
                "roles": row.user.roles,
                "billing_center_path": [step.value for step in row.billing_center_path],
                "admin_center_path": [step.value for step in row.admin_center_path],
                "portal_user_id": row.portal_user_id,
                **(
                    {
                        "billing_center_start_url": row.billing_center_start_url,
                        "admin_center_start_url": row.admin_center_start_url,
                    }
                    if settings.SANDBOX_OPEN
                    else {}
                ),
            }
            for row in rows
        ],
        "urls": {
            group.namespace: {url.name: url.path for url in group.urls} for group in qa_url_groups()
        },
    }


class PersonaSignInView(View):
    """One click on the open sandbox's home page: signed in as a persona, on their first
    outcome (the Billing Center landing decides, as after a typed sign-in). Customer personas
    only, never the trainer; nothing at all when the sandbox is not open. `View`: a one-button
    POST with no page of its own, as Django's own `LogoutView` is."""

    http_method_names = ["post"]

    def post(self, request, key):
        if not settings.SANDBOX_OPEN:
            raise Http404
        persona = get_object_or_404(
            Persona.objects.select_related("user"),
            key=key,
            user__account__isnull=False,
            user__is_staff=False,
            user__is_superuser=False,
            user__is_active=True,
        )
        with separate_sign_ins_kept(request):
            login(request, persona.user, backend=USER_BACKEND)
        return redirect("billing_center:landing")


class TrainerNotesToggleView(View):
    """Switch the trainer notes on or off in this browser, then go back to the page. `View`: a
    one-button POST with no page of its own."""

    http_method_names = ["post"]

    def post(self, request):
        notes = request.POST.get("notes")
        on = notes == "on" if notes in ("on", "off") else not trainer_notes_on(request)
        response = redirect(
            same_site_url(request, request.POST.get("next", ""), default=reverse("sandbox:home"))
        )
        trainer_notes_switch(response, on=on)
        return response


class ResetView(LeadRequiredMixin, TemplateView):
    """Lead trainers only (it ends every trainer's classes): confirm (GET), then restore the
    sample data (POST), as reset_sandbox."""

    template_name = "sandbox/reset.html"
    http_method_names = ["get", "post"]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            last_resets=Activity.objects.filter(action="sandbox_reset")[:5],
            # A reset of the whole sandbox deletes every seat: every class ends.
            open_classes=Classroom.objects.count(),
            **kwargs,
        )

    def post(self, request):
        email = request.user.email
        sandbox_reset(actor_email=email)
        # The reset recreated every user and deleted every session, this one's too: start a
        # new one and sign the trainer back in.
        request.session.flush()
        trainer = User.objects.filter(email=email, is_active=True).first()
        trainer = trainer if trainer is not None and is_trainer(trainer) else None
        if trainer is not None:
            login(request, trainer, backend=USER_BACKEND)
        messages.success(request, _("The sandbox was reset to the sample data."))
        return redirect("sandbox:reset" if trainer is not None else "sandbox:home")


class ResetDefaultSeatView(LeadRequiredMixin, TemplateView):
    """Lead trainers only (the default seat is the lead's): confirm (GET), then restore the
    default seat alone (POST): every class and its seats go on as they are
    (`worlds.default_seat_reset`)."""

    template_name = "sandbox/reset_default_seat.html"
    http_method_names = ["get", "post"]

    def get_context_data(self, **kwargs):
        with seat_scope(Seat.objects.default()):
            last_resets = list(Activity.objects.filter(action="default_seat_reset")[:5])
        return super().get_context_data(last_resets=last_resets, **kwargs)

    def post(self, request):
        default_seat_reset(actor=request.user)
        messages.success(
            request,
            _("The default seat was reset to the sample data. No class or seat was touched."),
        )
        return redirect("sandbox:reset")


class LockoutsView(TrainerRequiredMixin, TemplateView):
    """Trainers only: every locked LogMeIn ID and portal User ID of the seats the trainer runs
    (a lead's: every seat, the default seat with the trainers' own sign-in, every class's
    seats, the seats of no class; a trainer's: their classes' seats), by seat, until when, and
    their Clear buttons (POST `lockout=<key>` for one seat's lock, `all` for every lock of
    those seats)."""

    template_name = "sandbox/lockouts.html"
    http_method_names = ["get", "post"]

    @cached_property
    def seats(self):
        """None for a lead (every seat, in the lockouts' own few queries), or the trainer's."""
        if is_lead(self.request.user):
            return None
        return list(Seat.objects.run_by(self.request.user).select_related("classroom"))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            lockouts=lockouts_active(seats=self.seats), PORTAL=PORTAL, **kwargs
        )

    def post(self, request):
        if "all" in request.POST:
            count = lockouts_clear_all(actor=request.user, seats=self.seats)
            messages.success(
                request,
                ngettext("%(count)d lock cleared.", "%(count)d locks cleared.", count)
                % {"count": count},
            )
            return redirect("sandbox:lockouts")
        chosen = next(
            (
                lock
                for lock in lockouts_active(seats=self.seats)
                if lock.key == request.POST.get("lockout")
            ),
            None,
        )
        if chosen is None:
            messages.info(request, _("That lock had already ended."))
        else:
            lockout_clear(lockout=chosen, actor=request.user)
            messages.success(
                request,
                _("%(identity)s can sign in again (%(seat)s).")
                % {"identity": chosen.identity, "seat": chosen.seat},
            )
        return redirect("sandbox:lockouts")


class HealthView(View):
    """A trivial page for load balancers and the benchmark: the app answers. `View`: plain
    text, no template."""

    def get(self, request):
        return HttpResponse("ok", content_type="text/plain")


# Django's reason when a form's token is not the browser's current one. The token changes
# at every LogMeIn sign-in, so a page opened before someone signed in (in another tab, say)
# sends a token of the session before.
