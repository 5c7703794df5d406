"""How every center's view is written (docs/architecture.md, "Views"): Django's class-based
views, with two small mixins for what the three centers share.

- Access: `CenterAccessMixin`, Django's `UserPassesTestMixin`. The center's mixin writes
  `test_func` (it asks one function of accounts.decisions) and `refused()` (the center's own
  page for someone signed in whom the decision refuses); a signed-out visitor goes to the
  center's sign-in (`login_url`) and comes back.
- A service's answer, in one place: `ServiceFormMixin.service_answer`. Whatever the service
  refuses with (a `ValidationError`, or an exception of its own listed in `refusals`) is
  added to the form the person sent, through `refusal_add`, and that form is shown again. A
  step that has no field to show it on (Cancel, Undo: one button) sends the person to
  `refusal_url`, which shows what made the action fail, with the refusal as an error message
  (`refusal_message`). A refusal with a page of its own (`refusal_pages`: a seat reset while
  ordering) answers that page; a row the service did not find for this person
  (`ObjectDoesNotExist`: services raise the model's `DoesNotExist`, never an HTTP error) is
  the 404 of an unknown address. Flows in steps build on it: core/steps.py.

- A form that posts a password or a card: `SensitivePostMixin` (Django's LoginView does the
  same for the LogMeIn ID's sign-in): no error report shows what was posted, no cache keeps
  the page.

The navigation's current page is the view's `nav_item` (see core/templatetags/navigation.py).
"""

from collections.abc import Callable, Mapping

from django.contrib import messages
from django.contrib.auth.mixins import UserPassesTestMixin
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters


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
    """A view whose form (or one-button step) goes to a service: the one place that turns the
    service's answer into what the person sees (`service_answer`).

    A form view writes `service_call(form)`, which calls the service and returns the answer
    (usually a success message and a redirect). A refusal of the service (`refusals`) is
    added to the form by `refusal_add` (on `refusal_field`, or as a non-field error) and the
    form is rendered again, with `invalid_status`, like a form that did not validate: nothing
    was changed.
    """

    refusals: tuple[type[Exception], ...] = (ValidationError,)
    refusal_field: str | None = None
    invalid_status = 200
    # Refusals that answer a page of their own instead of words on the form.
    refusal_pages: Mapping[type[Exception], Callable[[HttpRequest], HttpResponse]] = {}
    # Where a refused one-button step goes, its refusal as an error message.
    refusal_url: str | None = None

    def service_call(self, form) -> HttpResponse:
        raise NotImplementedError(f"{type(self).__name__} says which service its form goes to.")

    def get_refusal_field(self) -> str | None:
        return self.refusal_field

    def get_refusal_url(self) -> str | None:
        return self.refusal_url

    def form_valid(self, form):
        return self.service_answer(self.service_call, form)

    def service_answer(self, call: Callable[..., HttpResponse], form=None) -> HttpResponse:
        """`call(form)` (or `call()` for a step without a form), and what the person sees when
        the service says no: the one place that decides it."""
        try:
            return call() if form is None else call(form)
        except ObjectDoesNotExist as missing:
            raise Http404 from missing  # not this person's, or gone: as an unknown address
        except (*self.refusal_pages, *self.refusals) as error:
            for refusal, page in self.refusal_pages.items():
                if isinstance(error, refusal):
                    return page(self.request)
            if form is not None:
                refusal_add(form, error, field=self.get_refusal_field())
                return self.form_invalid(form)
            url = self.get_refusal_url()
            if url is None:  # a step that expects no refusal: a fault, not words for the person
                raise
            refusal_message(self.request, error)
            return redirect(url)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=self.invalid_status)


class SensitivePostMixin:
    """A view whose form posts a password or a card number: its POST never appears in an
    error report (`sensitive_post_parameters`, every field, as Django's LoginView) and its
    pages are never cached (`never_cache`). Put first among the view's bases; the view
    `as_view()` returns carries both, before any access check."""

    @classmethod
    def as_view(cls, **initkwargs):
        return never_cache(sensitive_post_parameters()(super().as_view(**initkwargs)))
