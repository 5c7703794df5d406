"""The trainer's API tokens page: create a token (its key shown once), revoke one.

A script on a closed sandbox sends the key as `Authorization: Token <key>` to act as the
trainer (`authentication.TrainerTokenAuthentication`). The writes are `tokens.py`'s.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sandbox.views import trainer_only

from .forms import TrainerTokenForm
from .models import TrainerToken
from .tokens import trainer_token_create, trainer_token_revoke

# The new key travels once from the POST to the page it redirects to, in the session.
NEW_KEY_SESSION_KEY = "api_token_new_key"


@trainer_only
@require_http_methods(["GET", "POST"])
def token_list(request):
    """Trainers only: every token, the form that creates one, and a new token's key, once."""
    form = TrainerTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token, key = trainer_token_create(name=form.cleaned_data["name"])
        request.session[NEW_KEY_SESSION_KEY] = {"id": token.pk, "key": key}
        return redirect("api_tokens:list")
    new = request.session.pop(NEW_KEY_SESSION_KEY, None)
    new_token = None
    if new:
        new_token = TrainerToken.objects.filter(pk=new["id"]).first()
    return render(
        request,
        "api/tokens.html",
        {
            "form": form,
            "tokens": TrainerToken.objects.all(),
            "new_token": new_token,
            "new_key": new["key"] if new_token else None,
        },
    )


@trainer_only
@require_POST
def token_revoke(request, pk):
    token = trainer_token_revoke(token=get_object_or_404(TrainerToken, pk=pk))
    messages.success(
        request, _("The token %(name)s is revoked: it no longer works.") % {"name": token.name}
    )
    return redirect("api_tokens:list")
