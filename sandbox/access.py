"""The trainer's access to a page, decided here and only here: `TrainerRequiredMixin`.

Django's `PermissionRequiredMixin`, asking the Trainers group's permission
(`trainers.RESET_PERMISSION`, through `trainers.is_trainer`, the one source the API asks too),
with the answers the trainer's pages have always given:

- a signed-out visitor goes to the trainer's sign-in (the Django admin's) and comes back;
- to anyone else signed in (a persona, a trainee in a seat) the page does not exist: the same
  translated 404 as an unknown address, so nobody learns which trainer tools there are;
- the CSRF check comes after the access (a POST without a token from someone who is not the
  trainer gets the 404, not the 403 an unknown address does not give);
- the view `as_view()` returns is marked `trainer_only`, for the tests that walk the URL conf.
"""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import Http404
from django.urls import reverse_lazy
from django.views.decorators.csrf import csrf_protect

from .trainers import RESET_PERMISSION, is_lead, is_trainer


class TrainerRequiredMixin(PermissionRequiredMixin):
    """Put first among a view's bases: `class ResetView(TrainerRequiredMixin, FormView)`."""

    permission_required = RESET_PERMISSION
    login_url = reverse_lazy("admin:login")

    @classmethod
    def as_view(cls, **initkwargs):
        view = super().as_view(**initkwargs)
        view.trainer_only = True
        view.csrf_exempt = True  # checked in `dispatch`, once the visitor is the trainer
        return view

    def has_permission(self) -> bool:
        return is_trainer(self.request.user)

    def handle_no_permission(self):
        if self.request.user.is_authenticated:
            raise Http404
        return super().handle_no_permission()  # the sign-in, and back

    def dispatch(self, request, *args, **kwargs):
        # PermissionRequiredMixin.dispatch's question, then the token, then the view's own
        # dispatch (past PermissionRequiredMixin's, which would only ask again).
        if not self.has_permission():
            return self.handle_no_permission()
        answer = super(PermissionRequiredMixin, self).dispatch
        return csrf_protect(answer)(request, *args, **kwargs)


class LeadRequiredMixin(TrainerRequiredMixin):
    """A lead trainer's page (adding trainers, the whole sandbox's reset, the default seat):
    the same answers as `TrainerRequiredMixin`, the 404 to a trainer who is not a lead."""

    def has_permission(self) -> bool:
        return is_lead(self.request.user)
