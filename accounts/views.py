from django.contrib.auth.views import LoginView

from sandbox.redirects import same_site_url

from .forms import SignInForm


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
