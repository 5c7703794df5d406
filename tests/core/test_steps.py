"""core.steps.StepsMixin: a flow's steps named once, read in one place, each answered by its
`step_<name>`, and every step's answer through the one place that answers a refusal."""

import pytest
from django import forms
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404, HttpResponse
from django.test import RequestFactory
from django.views.generic import FormView

from core.steps import StepsMixin


class SeatsForm(forms.Form):
    seats = forms.IntegerField()


class Refused(Exception):
    """A refusal with a page of its own (as a seat reset while ordering)."""


class OrderView(StepsMixin, FormView):
    """Three steps: the form (GET), the review (POST step=review), the order (step=place,
    or `confirm=1`); `remove` is one button."""

    form_class = SeatsForm
    step_field = "step"
    get_steps = {None: "form"}
    post_steps = {"review": "review", "place": "place", "remove": "remove", None: "form"}
    form_steps = ("review", "place")
    refusal_url = "/subscriptions/"
    refusal_pages = {Refused: lambda request: HttpResponse("refused page", status=409)}

    def get_template_names(self):
        return []

    def render_to_response(self, context, **kwargs):
        form = context["form"]
        shown = f"{self.step}|bound={form.is_bound}|{form.errors.as_text()}"
        return HttpResponse(shown, status=kwargs.get("status", 200))

    def step_form(self):
        return self.step_page()

    def step_review(self, form):
        if form.cleaned_data["seats"] > 10:
            raise ValidationError("The limit is 10.")
        return HttpResponse(f"review {form.cleaned_data['seats']}")

    def step_place(self, form):
        if form.cleaned_data["seats"] == 0:
            raise ObjectDoesNotExist
        if form.cleaned_data["seats"] == 7:
            raise Refused
        return HttpResponse("placed")

    def step_remove(self):
        raise ValidationError("Nothing to remove.")


def answer(method, data=None, view=OrderView):
    request = getattr(RequestFactory(), method)("/order/", data or {})
    request.session = {}
    request._messages = FallbackStorage(request)
    return view.as_view()(request), request


def test_a_get_is_the_first_step_with_the_form_empty():
    response, _request = answer("get", {"seats": "3"})
    assert response.content == b"form|bound=False|"


@pytest.mark.parametrize(
    ("data", "status", "content"),
    [
        ({"step": "review", "seats": "3"}, 200, b"review 3"),
        ({"step": "review", "seats": "x"}, 200, b"review|bound=True|* seats"),
        ({"step": "place", "seats": "3"}, 200, b"placed"),
        ({"seats": "3"}, 200, b"form|bound=False|"),  # no step: the form again, empty
        ({"step": "<other>", "seats": "3"}, 200, b"form|bound=False|"),
    ],
)
def test_a_post_is_the_step_its_field_names(data, status, content):
    response, _request = answer("post", data)
    assert response.status_code == status
    assert response.content.startswith(content)


def test_a_refusal_goes_on_the_form_of_a_form_step():
    response, _request = answer("post", {"step": "review", "seats": "11"})
    assert response.content == b"review|bound=True|* __all__\n  * The limit is 10."


def test_a_refusal_of_a_one_button_step_is_a_message_on_the_refusal_url():
    response, request = answer("post", {"step": "remove"})
    assert (response.status_code, response["Location"]) == (302, "/subscriptions/")
    assert [str(message) for message in request._messages] == ["Nothing to remove."]


def test_a_refusal_with_a_page_of_its_own_answers_that_page():
    response, _request = answer("post", {"step": "place", "seats": "7"})
    assert (response.status_code, response.content) == (409, b"refused page")


def test_a_row_the_service_does_not_find_is_a_404():
    with pytest.raises(Http404):
        answer("post", {"step": "place", "seats": "0"})


class ConfirmView(StepsMixin, FormView):
    """A POST that names no step of the flow is no page; a method without steps is a 405."""

    form_class = SeatsForm
    step_field = "action"
    get_steps = {}
    post_steps = {"cancel": "cancel"}

    def step_cancel(self):
        return HttpResponse("cancelled")


def test_a_request_naming_no_step_is_a_404_and_a_method_without_steps_a_405():
    assert answer("post", {"action": "cancel"}, ConfirmView)[0].content == b"cancelled"
    with pytest.raises(Http404):
        answer("post", {"action": "<bad>"}, ConfirmView)
    assert answer("get", view=ConfirmView)[0].status_code == 405
