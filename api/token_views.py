"""The trainer's API tokens page: create a token (its key shown once), revoke one.

A script on a closed sandbox sends the key as `Authorization: Token <key>` to act as the
trainer (`authentication.TrainerTokenAuthentication`). The writes are `tokens.py`'s.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, View

from core.mixins import ServiceFormMixin
from sandbox.access import TrainerRequiredMixin

from .forms import TrainerTokenForm
from .models import TrainerToken
from .tokens import trainer_token_create, trainer_token_revoke

# The new key travels once from the POST to the page it redirects to, in the session.
NEW_KEY_SESSION_KEY = "api_token_new_key"


class TokenListView(TrainerRequiredMixin, ServiceFormMixin, FormView):
    """Trainers only: the trainer's own tokens (each acts for the trainer who made it), the form
    that creates one, and a new token's key, once."""

    template_name = "api/tokens.html"
    form_class = TrainerTokenForm
    http_method_names = ["get", "post"]

    def service_call(self, form):
        token, key = trainer_token_create(name=form.cleaned_data["name"], trainer=self.request.user)
        self.request.session[NEW_KEY_SESSION_KEY] = {"id": token.pk, "key": key}
        return redirect("api_tokens:list")

    def get_context_data(self, **kwargs):
        new = self.request.session.pop(NEW_KEY_SESSION_KEY, None)
        new_token = TrainerToken.objects.filter(pk=new["id"]).first() if new else None
        return super().get_context_data(
            tokens=TrainerToken.objects.filter(trainer=self.request.user),
            new_token=new_token,
            new_key=new["key"] if new_token else None,
            **kwargs,
        )


class TokenRevokeView(TrainerRequiredMixin, View):
    """Trainers only: revoke a token, then back to the list. `View`: a one-button POST with
    no page of its own."""

    http_method_names = ["post"]

    def post(self, request, pk):
        token = trainer_token_revoke(
            token=get_object_or_404(TrainerToken, pk=pk, trainer=request.user)
        )
        messages.success(
            request, _("The token %(name)s is revoked: it no longer works.") % {"name": token.name}
        )
        return redirect("api_tokens:list")
