from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.generic import DetailView, ListView

from .centers import CENTERS
from .models import MailboxMessage, Persona
from .personas import persona_rows


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
            "sandbox_password": settings.SANDBOX_PASSWORD if settings.SANDBOX_OPEN else "",
        },
    )


class MailboxView(ListView):
    """Every email the sandbox sent, newest first, optionally for one recipient."""

    template_name = "sandbox/mailbox.html"
    context_object_name = "messages_sent"
    paginate_by = 25

    def get_queryset(self):
        queryset = MailboxMessage.objects.all()
        self.recipient = self.request.GET.get("to", "").strip().lower()[:254]
        if self.recipient:
            queryset = queryset.filter(recipient=self.recipient)
        return queryset

    def get_context_data(self, **kwargs):
        return super().get_context_data(
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


def health(request):
    """A trivial page for load balancers and the benchmark: the app answers."""
    return HttpResponse("ok", content_type="text/plain")


def csrf_failure(request, reason=""):
    """A form sent without its security token (CSRF_FAILURE_VIEW): a translated page."""
    return render(request, "403_csrf.html", status=403)


def sign_in_identity(request, credentials):
    """The identity django-axes counts failures against: the LogMeIn ID ("Ana@X" and "ana@x"
    are one), or the User ID of a sign-in form of other credentials."""
    credentials = credentials or {}
    for name in ("username", "email", "user_id"):
        value = credentials.get(name) or request.POST.get(name)
        if value:
            return str(value).strip().lower()[:254]
    return ""


def sign_in_locked_out(request, original_response=None, credentials=None):
    """Too many failed sign-ins for one LogMeIn ID (django-axes): a translated page."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "lockout.html",
        {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes},
        status=429,
    )
