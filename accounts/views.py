from contextlib import contextmanager

from django.contrib.auth.views import LoginView, LogoutView

from core.redirects import same_site_url
from seats.middleware import SESSION_KEY as SEAT_SESSION_KEY

from .forms import SignInForm

# Session keys of sign-ins of their own (the Corporate Billing Portal's User ID), which share
# the Django session with the LogMeIn ID. Each such app adds its key when it is ready.
SEPARATE_SIGN_IN_KEYS: set[str] = set()


@contextmanager
def separate_sign_ins_kept(request):
    """Django flushes the whole session when a LogMeIn ID signs out (or another signs in):
    put the other sign-ins back, so that leaving one center never signs you out of another,
    and the seat the browser joined, which is no sign-in at all."""
    keys = SEPARATE_SIGN_IN_KEYS | {SEAT_SESSION_KEY}
    kept = {key: request.session[key] for key in keys if key in request.session}
    yield
    for key, value in kept.items():
        request.session[key] = value


class SignInView(LoginView):
    """The LogMeIn ID sign-in shared by the Billing Center and the Admin Center.

    One Django session serves both centers. `?email=` fills in the email address (the
    sandbox's persona links use it); `next` is honoured only for this site's own paths,
    through the site's one check, `same_site_url`.
    """

    form_class = SignInForm

    def get_initial(self):
        initial = super().get_initial()
        email = self.request.GET.get("email", "")
        if email and len(email) <= 254:
            initial["username"] = email
        return initial

    def get_redirect_url(self):
        field = self.redirect_field_name
        return same_site_url(
            self.request, self.request.POST.get(field, self.request.GET.get(field))
        )

    def form_valid(self, form):
        with separate_sign_ins_kept(self.request):
            return super().form_valid(form)


class SignOutView(LogoutView):
    """Signs the LogMeIn ID out of the Billing Center and the Admin Center, and only that."""

    def post(self, request, *args, **kwargs):
        with separate_sign_ins_kept(request):
            return super().post(request, *args, **kwargs)
