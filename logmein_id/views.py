import uuid
from contextlib import contextmanager

from django.contrib.auth.views import LoginView, LogoutView
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.generic import FormView

from accounts.forms import SignInForm
from accounts.models import PlacedOrder
from accounts.services import (
    OrderAlreadyPlaced,
    SeatWasReset,
    order_key_new,
    order_key_read,
    order_placed_before,
    seat_was_reset_check,
)
from core.centers import CENTERS
from core.redirects import same_site_url
from core.steps import StepsMixin
from seats.middleware import SESSION_KEY as SEAT_SESSION_KEY
from seats.middleware import TRAINEE_KEY as SEAT_TRAINEE_KEY

# Session keys of sign-ins of their own (the Corporate Billing Portal's User ID), which share
# the Django session with the LogMeIn ID: each center declares its key in core/centers.py.
SEPARATE_SIGN_IN_KEYS = frozenset(
    center.separate_sign_in_key for center in CENTERS if center.separate_sign_in_key
)


@contextmanager
def separate_sign_ins_kept(request):
    """Django flushes the whole session when a LogMeIn ID signs out (or another signs in):
    put the other sign-ins back, so that leaving one center never signs you out of another,
    and the seat the browser joined, which is no sign-in at all."""
    keys = SEPARATE_SIGN_IN_KEYS | {SEAT_SESSION_KEY, SEAT_TRAINEE_KEY}
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


def seat_was_reset_page(request) -> HttpResponse:
    """What Place Order answers when the seat was reset while the order was being placed
    (`accounts.services.SeatWasReset`): nothing was ordered, and why, in the page's language."""
    return render(request, "order_not_placed.html", status=409)


class SubscriptionOrderView(StepsMixin, FormView):
    """An order on a subscription in three steps at one URL (core.steps.StepsMixin): the
    Billing Center's Edit subscription and the portal's Add Seats are written this way (the
    Billing Center's Add Licenses goes through its cart instead: billing_center/cart.py).

    1. `form` (GET): the order form (`template_name`).
    2. `review` (POST): the form is validated, and the order checked and priced by
       `review(form)`, which returns what the review page shows (`review_template_name`, or
       the form's own template), with a new order key. Nothing changes yet.
    3. `place` (POST; each center's `step_field` and `post_steps` say how its pages name the
       step): the order is validated again (`place_form_class`, or the same form: the review
       page is trusted for nothing but its key) and placed by `place(form)`, once per order
       key. A key placed before (Back then Place, a double click) answers
       `already_placed(order)` instead of ordering again; a placed order answers
       `placed(document)`.

    The center's access mixin gives the ordering `account` and its `subscriptions()`. A
    service's refusal at either step (a `ValidationError`: pending cancellation, the limit,
    seats changed since the review) goes on the form, which is shown again
    (core.mixins.ServiceFormMixin); at the place step it is about the whole order, a
    non-field error even where the review step names a field (`refusal_field`). A seat reset
    meanwhile (`SeatWasReset`: while the order waited for the seat's lock, or since the
    review) answers `seat_was_reset_page`: nothing was ordered.
    """

    FORM, REVIEW, PLACE = "form", "review", "place"
    get_steps = {None: FORM}
    form_steps = (REVIEW, PLACE)
    refusal_pages = {SeatWasReset: seat_was_reset_page}

    review_template_name: str | None = None
    place_form_class = None

    def review(self, form) -> dict:
        raise NotImplementedError

    def place(self, form):
        raise NotImplementedError

    def placed(self, document) -> HttpResponse:
        raise NotImplementedError

    def already_placed(self, order: PlacedOrder) -> HttpResponse:
        raise NotImplementedError

    def order_key(self) -> uuid.UUID:
        """The key the review page was sent with (a translated refusal without one)."""
        return order_key_read(self.request.POST)

    def before_step(self):
        """The subscription ordered on, and at the place step an order placed before."""
        self.subscription = self.subscriptions().filter(pk=self.kwargs["pk"]).first()
        if self.subscription is None:
            if self.step == self.PLACE:  # reset since the review?
                seat_was_reset_check(self.account)
            raise Http404
        if self.step == self.PLACE:
            placed = order_placed_before(account=self.account, data=self.request.POST)
            if placed is not None:
                return self.already_placed(placed)
        return None

    def step_form(self):
        return self.step_page()

    def step_review(self, form):
        # The review's key first, so that `review(form)` may keep what it reviewed under it.
        self.review_key = order_key_new()
        context = self.get_context_data(form=form, order_key=self.review_key, **self.review(form))
        return self.response_class(
            request=self.request,
            template=[self.review_template_name or self.template_name],
            context=context,
            using=self.template_engine,
        )

    def step_place(self, form):
        try:
            document = self.place(form)
        except OrderAlreadyPlaced as placed:
            return self.already_placed(placed.order)
        return self.placed(document)

    def get_form_class(self):
        if self.step == self.PLACE and self.place_form_class is not None:
            return self.place_form_class
        return super().get_form_class()

    def get_refusal_field(self):
        return self.refusal_field if self.step == self.REVIEW else None

    def get_context_data(self, **kwargs):
        return super().get_context_data(subscription=self.subscription, **kwargs)
