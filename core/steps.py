"""A flow in steps, written one way (docs/architecture.md, "Views"): `StepsMixin`.

A flow at one URL (an order reviewed then placed, a confirmation then its action, a page and
its one-button actions) names its steps once, in two tables: `get_steps` and `post_steps`
map the value of the request's `step_field` (the query's for a GET, the POST's for a POST)
to the step it names, the entry `None` being the step of a request that names none.
`current_step()` reads the request, the one place that does, and the view's method
`step_<name>` answers the step, as `View.dispatch` answers a method by the method of that
name:

- a step listed in `form_steps` validates the view's form first (`get_form_class()` may
  choose the form by `self.step`): an invalid form is shown again (`form_invalid`), a valid
  one goes to `step_<name>(form)`; on any other step the form, if the page shows one, is
  unbound (the order form, empty);
- any other step is `step_<name>()`: a page (`step_page`, the view's template), or one
  button (a service, its message, a redirect);
- `before_step()` runs before every step, for what they all need first (the row the flow is
  about, an order placed already); a response it returns answers instead of the step;
- every step's answer goes through the one place that turns a service's refusal into what
  the person sees, `core.mixins.ServiceFormMixin.service_answer`: on the form of a form step,
  else to `refusal_url` as an error message; `refusal_pages` for a refusal with a page of its
  own; a row the service does not find is a 404.

A request that names no step of the flow is `no_step()`, a 404; a method without steps, 405.

    class ClassEndView(TrainerRequiredMixin, StepsMixin, TemplateView):
        template_name = "classes/confirm.html"
        post_steps = {None: "end"}  # a GET is `step_page`, the page that asks

        def step_end(self):
            services.class_end(classroom=self.classroom)
            return redirect("classes:list")
"""

from collections.abc import Mapping

from django.http import Http404, HttpResponse

from .mixins import ServiceFormMixin


class StepsMixin(ServiceFormMixin):
    """The steps of a flow, named once, read in one place, each answered by `step_<name>`."""

    step_field: str | None = None
    get_steps: Mapping[str | None, str] = {None: "page"}
    post_steps: Mapping[str | None, str] = {}
    form_steps: tuple[str, ...] = ()

    step: str | None = None
    step_value: str | None = None  # what the request's step field said

    def current_step(self) -> str | None:
        """The step this request is, by its method and its `step_field`: the one place a
        flow's step is read."""
        if self.request.method in ("GET", "HEAD"):
            steps, data = self.get_steps, self.request.GET
        else:
            steps, data = self.post_steps, self.request.POST
        self.step_value = data.get(self.step_field) if self.step_field else None
        return steps.get(self.step_value, steps.get(None))

    def get(self, request, *args, **kwargs):
        return self.dispatch_step()

    def post(self, request, *args, **kwargs):
        return self.dispatch_step()

    def dispatch_step(self) -> HttpResponse:
        steps = self.get_steps if self.request.method in ("GET", "HEAD") else self.post_steps
        if not steps:
            return self.http_method_not_allowed(self.request, *self.args, **self.kwargs)
        self.step = self.current_step()
        if self.step is None:
            return self.no_step()
        return self.service_answer(self.run_step)

    def run_step(self) -> HttpResponse:
        early = self.before_step()
        if early is not None:
            return early
        answer = getattr(self, f"step_{self.step}")
        if self.step not in self.form_steps:
            return answer()
        form = self.get_form()
        if not form.is_valid():
            return self.form_invalid(form)
        return self.service_answer(answer, form)

    def before_step(self) -> HttpResponse | None:
        """What every step needs first; a response returned here answers instead."""
        return None

    def no_step(self) -> HttpResponse:
        raise Http404

    def step_page(self) -> HttpResponse:
        """The flow's page as a GET shows it: the template, with the form empty if any."""
        return self.render_to_response(self.get_context_data())

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.step not in self.form_steps:  # the form as first shown, whatever was posted
            kwargs.pop("data", None)
            kwargs.pop("files", None)
        return kwargs
