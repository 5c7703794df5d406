from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_http_methods, require_POST
from django.views.generic import DetailView, ListView

from accounts.decisions import Outcome
from accounts.models import Activity, User
from accounts.views import separate_sign_ins_kept
from core.centers import CENTERS
from core.redirects import same_site_url
from seats.models import Classroom, Seat
from seats.scope import seat_scope

from .forms import MailboxFilterForm
from .guide import AROUND_THE_ARTICLE, FALLBACK, guide_tables
from .lockouts import PORTAL, lockout_clear, lockouts_active, lockouts_clear_all
from .models import MailboxMessage, Persona
from .personas import persona_rows
from .qa import qa_url_groups
from .services import sandbox_reset
from .states import state_controls
from .trainer_notes import trainer_notes_on, trainer_notes_switch
from .trainers import is_trainer
from .worlds import default_seat_reset


def shown_credentials() -> dict[str, str]:
    """The sample passwords, or nothing where the sandbox is not open (SANDBOX_OPEN=false)."""
    if not settings.SANDBOX_OPEN:
        return {"sandbox_password": "", "portal_password": ""}
    return {
        "sandbox_password": settings.SANDBOX_PASSWORD,
        "portal_password": settings.SANDBOX_PORTAL_PASSWORD,
    }


def home(request):
    """What the sandbox is, its three centers and its sample personas."""
    return render(
        request,
        "sandbox/home.html",
        {
            "centers": CENTERS,
            "persona_rows": persona_rows(),
            "staff_personas": Persona.objects.select_related("user").filter(
                user__account__isnull=True
            ),
            **shown_credentials(),
        },
    )


class MailboxView(ListView):
    """Every email the sandbox sent, newest first, optionally for one recipient."""

    template_name = "sandbox/mailbox.html"
    context_object_name = "messages_sent"
    paginate_by = 25

    def get_queryset(self):
        # A recipient that is no email address (or holds control characters) is not looked
        # up: the page says so and shows everyone's messages.
        self.filter_form = MailboxFilterForm(self.request.GET)
        self.recipient = self.filter_form.cleaned_data["to"] if self.filter_form.is_valid() else ""
        queryset = MailboxMessage.objects.all()
        if self.recipient:
            queryset = queryset.filter(recipient=self.recipient)
        return queryset

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            filter_form=self.filter_form,
            recipient=self.recipient,
            recipients=MailboxMessage.objects.order_by("recipient")
            .values_list("recipient", flat=True)
            .distinct(),
            **kwargs,
        )


class MailboxMessageView(DetailView):
    template_name = "sandbox/mailbox_message.html"
    context_object_name = "message"

    def get_object(self, queryset=None):
        return get_object_or_404(MailboxMessage, pk=self.kwargs["pk"])


def guide(request):
    """The article's two decision tables as a flow chart, each branch with its personas."""
    return render(
        request,
        "sandbox/guide.html",
        {
            "tables": guide_tables(),
            "fallback": FALLBACK,
            "around_the_article": AROUND_THE_ARTICLE,
            "state_controls": state_controls(user=request.user, joined_seat=request.joined_seat),
            **shown_credentials(),
        },
    )


def qa(request):
    """For people writing their own scripts: outcome ids, personas and every center's URLs."""
    return render(
        request,
        "sandbox/qa.html",
        {
            "outcomes": list(Outcome),
            "persona_rows": persona_rows(),
            "staff_personas": Persona.objects.select_related("user").filter(
                user__account__isnull=True
            ),
            "url_groups": qa_url_groups(),
            **shown_credentials(),
        },
    )


def qa_json(request):
    """The QA page's facts as JSON, for scripts."""
    rows = persona_rows()
    return JsonResponse(
        {
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
                group.namespace: {url.name: url.path for url in group.urls}
                for group in qa_url_groups()
            },
        },
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )


@require_POST
def persona_sign_in(request, key):
    """One click on the open sandbox's home page: signed in as a persona, on their first
    outcome (the Billing Center landing decides, as after a typed sign-in). Customer personas
    only, never the trainer; nothing at all when the sandbox is not open."""
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
        login(request, persona.user, backend="django.contrib.auth.backends.ModelBackend")
    return redirect("billing_center:landing")


@require_POST
def trainer_notes_toggle(request):
    """Switch the trainer notes on or off in this browser, then go back to the page."""
    notes = request.POST.get("notes")
    on = notes == "on" if notes in ("on", "off") else not trainer_notes_on(request)
    response = redirect(
        same_site_url(request, request.POST.get("next", ""), default=reverse("sandbox:home"))
    )
    trainer_notes_switch(response, on=on)
    return response


def trainer_only(view):
    """The trainer's pages, decided here and only here: a signed-out visitor goes to the
    sign-in and comes back; to anyone else signed in (a persona, a trainee in a seat) the
    page does not exist: the same translated 404 as an unknown address, so nobody learns
    which trainer tools there are. The CSRF check comes after (a POST without a token would
    otherwise be refused with a 403 an unknown address does not give). `view.trainer_only`
    marks the pages for the tests."""
    protected = csrf_protect(view)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        if not is_trainer(request.user):
            raise Http404
        return protected(request, *args, **kwargs)

    wrapper.trainer_only = True
    wrapper.csrf_exempt = True  # checked by `protected`, for the trainer
    return wrapper


@trainer_only
@require_http_methods(["GET", "POST"])
def reset(request):
    """Trainers only: confirm (GET), then restore the sample data (POST), as reset_sandbox."""
    if request.method == "POST":
        email = request.user.email
        sandbox_reset(actor_email=email)
        # The reset recreated every user and deleted every session, this one's too: start a
        # new one and sign the trainer back in.
        request.session.flush()
        trainer = User.objects.filter(email=email, is_active=True).first()
        trainer = trainer if trainer is not None and is_trainer(trainer) else None
        if trainer is not None:
            login(request, trainer, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("The sandbox was reset to the sample data."))
        return redirect("sandbox:reset" if trainer is not None else "sandbox:home")
    return render(
        request,
        "sandbox/reset.html",
        {
            "last_resets": Activity.objects.filter(action="sandbox_reset")[:5],
            # A reset of the whole sandbox deletes every seat: every class ends.
            "open_classes": Classroom.objects.count(),
        },
    )


@trainer_only
@require_http_methods(["GET", "POST"])
def reset_default_seat(request):
    """Trainers only: confirm (GET), then restore the default seat alone (POST): every class
    and its seats go on as they are (`worlds.default_seat_reset`)."""
    if request.method == "POST":
        default_seat_reset(actor=request.user)
        messages.success(
            request,
            _("The default seat was reset to the sample data. No class or seat was touched."),
        )
        return redirect("sandbox:reset")
    with seat_scope(Seat.objects.default()):
        last_resets = list(Activity.objects.filter(action="default_seat_reset")[:5])
    return render(request, "sandbox/reset_default_seat.html", {"last_resets": last_resets})


@trainer_only
@require_http_methods(["GET", "POST"])
def lockouts(request):
    """Trainers only: every locked LogMeIn ID and portal User ID of every seat (the default
    seat, every class's seats, the seats of no class), by seat, until when, and their Clear
    buttons (POST `lockout=<key>` for one seat's lock, `all` for every lock of every seat)."""
    active = lockouts_active()
    if request.method == "POST":
        if "all" in request.POST:
            count = lockouts_clear_all(actor=request.user)
            messages.success(
                request,
                ngettext("%(count)d lock cleared.", "%(count)d locks cleared.", count)
                % {"count": count},
            )
        else:
            chosen = next(
                (lock for lock in active if lock.key == request.POST.get("lockout")), None
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
    return render(request, "sandbox/lockouts.html", {"lockouts": active, "PORTAL": PORTAL})


def health(request):
    """A trivial page for load balancers and the benchmark: the app answers."""
    return HttpResponse("ok", content_type="text/plain")


# Django's reason when a form's token is not the browser's current one. The token changes
# at every LogMeIn sign-in, so a page opened before someone signed in (in another tab, say)
# sends a token of the session before.
