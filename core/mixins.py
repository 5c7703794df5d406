"""How every center's view is written (docs/architecture.md, "Views"): Django's class-based
views, with two small mixins for what the three centers share.

- Access: `CenterAccessMixin`, Django's `UserPassesTestMixin`. The center's mixin writes
  `test_func` (it asks one function of accounts.decisions) and `refused()` (the center's own
  page for someone signed in whom the decision refuses); a signed-out visitor goes to the
  center's sign-in (`login_url`) and comes back.
- A service's refusal: `ServiceFormMixin`, for a `FormView` or `UpdateView` whose valid form
  goes to a service. Whatever the service refuses with (a `ValidationError`, or an exception
  of its own listed in `refusals`) is added to the form the person sent, through
  `refusal_add`, and that form is shown again. A confirmation that has no field to show it
  on (Cancel, Undo: one button) sends the person back to the list, which shows what made
  the action fail, with the refusal as an error message (`refusal_message`).

The navigation's current page is the view's `nav_item` (see core/templatetags/navigation.py).
"""

from django.contrib import messages
from django.contrib.auth.mixins import UserPassesTestMixin
from django.core.exceptions import ValidationError
from django.http import HttpResponse


class CenterAccessMixin(UserPassesTestMixin):
    """Who may open a center's page, in one overridable hook (django.contrib.auth's way).

    `test_func` asks the decision; `handle_no_permission` answers whoever it refused: the
    center's sign-in for a signed-out visitor, `refused()` for a person signed in.
    """

    def refused(self) -> HttpResponse:
        raise NotImplementedError(f"{type(self).__name__} says how it refuses a signed-in person.")

    def handle_no_permission(self):
        if self.request.user.is_authenticated:
            return self.refused()
        return super().handle_no_permission()


def refusal_add(form, error: Exception, *, field: str | None = None) -> None:
    """A service said no: its words go on the form the person sent, as a non-field error, or
    on `field` when the refusal is about that one field (a declined card number)."""
    if not isinstance(error, ValidationError):
        error = ValidationError(str(error))
    form.add_error(field, error)


def refusal_message(request, error: Exception) -> None:
    """A service refused a one-button action (no form to show it on): its words as the next
    page's error message."""
    if not isinstance(error, ValidationError):
        error = ValidationError(str(error))
    for message in error.messages:
        messages.error(request, message)


class ServiceFormMixin:
    """A form view whose valid form goes to a service, in `service_call(form)`, which returns
    the answer (usually a success message and a redirect).

    A refusal of the service (`refusals`) is added to the form by `refusal_add` (on
    `refusal_field`, or as a non-field error) and the form is rendered again, with
    `invalid_status`, like a form that did not validate: nothing was changed.
    """

    refusals: tuple[type[Exception], ...] = (ValidationError,)
    refusal_field: str | None = None
    invalid_status = 200

    def service_call(self, form) -> HttpResponse:
        raise NotImplementedError(f"{type(self).__name__} says which service its form goes to.")

    def get_refusal_field(self) -> str | None:
        return self.refusal_field

    def form_valid(self, form):
        try:
            return self.service_call(form)
        except self.refusals as error:
            refusal_add(form, error, field=self.get_refusal_field())
            return self.form_invalid(form)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=self.invalid_status)
