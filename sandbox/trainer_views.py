"""The lead trainer's Trainers page (the trainers, adding one, deactivating one) and the
page where a new trainer sets their password through their one-time link. The writes are
`trainers.py`'s (`trainer_add`, `trainer_deactivate`); signing in is the trainer's sign-in
of today (the Django admin's, with its lockouts)."""

from django.contrib import messages
from django.contrib.auth.views import PasswordResetConfirmView
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.generic import FormView, View

from core.mixins import SensitivePostMixin, ServiceFormMixin
from core.public_url import absolute_url

from .access import LeadRequiredMixin
from .forms import TrainerAddForm
from .trainers import is_lead, trainer_add, trainer_by_uid, trainer_deactivate, trainers_all


class TrainerListView(LeadRequiredMixin, ServiceFormMixin, FormView):
    """Lead trainers only: every trainer (a lead marked), the form that adds one, and a
    Deactivate button for each active trainer but oneself."""

    template_name = "sandbox/trainers.html"
    form_class = TrainerAddForm
    http_method_names = ["get", "post"]

    def get_context_data(self, **kwargs):
        trainers = [(trainer, is_lead(trainer)) for trainer in trainers_all()]
        return super().get_context_data(trainers=trainers, **kwargs)

    def service_call(self, form):
        trainer, _link = trainer_add(
            email=form.cleaned_data["email"],
            name=form.cleaned_data["name"],
            link_base=absolute_url(self.request, "/")[:-1],
        )
        messages.success(
            self.request,
            _(
                "%(email)s is a trainer now: the link to set their password was sent to that "
                "address (the sandbox's Mailbox keeps a copy that only trainers can open)."
            )
            % {"email": trainer.email},
        )
        return redirect("sandbox:trainers")


class TrainerDeactivateView(LeadRequiredMixin, View):
    """Lead trainers only: a trainer can no longer sign in; their classes stay, and the lead
    trainers see them. `View`: a one-button POST with no page of its own."""

    http_method_names = ["post"]

    def post(self, request, pk):
        trainer = next(
            (t for t in trainers_all() if t.pk == pk and t.is_active and t != request.user), None
        )
        if trainer is None:
            messages.info(request, _("That trainer is already deactivated."))
        else:
            trainer_deactivate(trainer=trainer)
            messages.success(
                request,
                _("%(email)s can no longer sign in; their classes stay.")
                % {"email": trainer.email},
            )
        return redirect("sandbox:trainers")


class TrainerPasswordView(SensitivePostMixin, PasswordResetConfirmView):
    """A new trainer's one-time link: choose a password (AUTH_PASSWORD_VALIDATORS, Django's
    SetPasswordForm), then the trainer's sign-in. A link already used, expired or made up
    says so. Django's view: the token leaves the address before the form is shown."""

    template_name = "sandbox/trainer_password.html"
    success_url = reverse_lazy("admin:login")
    post_reset_login = False

    def get_user(self, uidb64):
        return trainer_by_uid(uidb64)

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Your password is set. Sign in with your email."))
        return response
