"""The Corporate Billing Portal's pages. Its sign-in is its own: the session keeps the portal
login under SESSION_KEY, apart from the LogMeIn ID of the Billing Center and Admin Center."""

import copy
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import UserPassesTestMixin
from django.db.models import Prefetch
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView, TemplateView, UpdateView, View

from accounts.decisions import FROM_ADMIN_CENTER, portal_sign_in_outcome
from accounts.models import Subscription
from accounts.views import SubscriptionOrderView
from core.mixins import ServiceFormMixin
from core.redirects import same_site_url

from .forms import BillToForm, PortalSignInForm, SeatsForm, ServiceOrderForm
from .invoice_rows import invoice_rows
from .models import BillTo, Invoice, InvoiceLine, PaymentProfile, PortalLogin
from .services import bill_to_update, seats_validate, service_order_place

SESSION_KEY = "corp_portal_login"
INVOICES_SHOWN = 20


class SignInView(FormView):
    """User ID + password. A refusal carries the article's conclusion, decided from the
    sign-in's answer by accounts.decisions: BC-2c, or AC-3c for someone who came from the
    Admin Center (`?from=admin-center`, kept through the POST); a locked User ID is told so."""

    template_name = "corp_portal/sign_in.html"
    form_class = PortalSignInForm
    http_method_names = ["get", "post"]

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        data = request.POST if request.method == "POST" else request.GET
        self.from_admin_center = data.get("from") == FROM_ADMIN_CENTER
        self.next_url = same_site_url(request, data.get("next", ""))

    def get_initial(self):
        return {"user_id": self.request.GET.get("user_id", "")[:254]}

    def form_valid(self, form):
        self.request.session.cycle_key()
        self.request.session[SESSION_KEY] = form.portal_login.pk
        return redirect(self.next_url or reverse("corp_portal:invoices"))

    def form_invalid(self, form):
        outcome = portal_sign_in_outcome(
            form.sign_in_result, from_admin_center=self.from_admin_center
        )
        return self.render_to_response(self.get_context_data(form=form, outcome=outcome))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            from_admin_center=self.from_admin_center,
            next=self.next_url,
            signed_in_portal_login=self.request.session.get(SESSION_KEY),
            **kwargs,
        )


class ForgotPasswordView(TemplateView):
    """How the real portal's "Forgot password?" works, told in the sandbox."""

    template_name = "corp_portal/forgot_password.html"

    def get_context_data(self, **kwargs):
        holders = [login.holder for login in PortalLogin.objects.select_related("holder")]
        return super().get_context_data(
            # A closed sandbox (SANDBOX_OPEN=false) shows no credentials.
            sample_password=settings.SANDBOX_PORTAL_PASSWORD if settings.SANDBOX_OPEN else "",
            holder_name=", ".join(holder.get_full_name() for holder in holders if holder),
            **kwargs,
        )


class SignOutView(View):
    """Leaves the portal only: a LogMeIn ID signed in to the other centers stays signed in."""

    http_method_names = ["post"]

    def post(self, request):
        if request.session.pop(SESSION_KEY, None) is not None:
            messages.info(request, _("You signed out of the Corporate Billing Portal."))
        return redirect("corp_portal:sign-in")


class PortalSignInRequiredMixin(UserPassesTestMixin):
    """Pages after the portal sign-in: the session's `portal_login`, or off to the portal's
    sign-in and back. A LogMeIn ID is no portal login, so there is no refusal page: whoever
    holds none is signed out as far as the portal knows."""

    nav_item = None

    @cached_property
    def portal_login(self) -> PortalLogin | None:
        pk = self.request.session.get(SESSION_KEY)
        if not isinstance(pk, int):
            return None
        return PortalLogin.objects.select_related("account", "holder").filter(pk=pk).first()

    def test_func(self):
        return self.portal_login is not None

    def handle_no_permission(self):
        self.request.session.pop(SESSION_KEY, None)
        query = urlencode({"next": self.request.get_full_path()})
        return redirect(f"{reverse('corp_portal:sign-in')}?{query}")

    @property
    def account(self):
        return self.portal_login.account

    def subscriptions(self):
        return Subscription.objects.with_prices().filter(account_id=self.portal_login.account_id)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            portal_login=self.portal_login, show_navigation=True, **kwargs
        )


class InvoicesView(PortalSignInRequiredMixin, ListView):
    template_name = "corp_portal/invoices.html"
    context_object_name = "invoices"
    nav_item = "corp_portal:invoices"

    def get_queryset(self):
        return Invoice.objects.filter(account_id=self.portal_login.account_id)[:INVOICES_SHOWN]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        return {**context, "rows": invoice_rows(context["invoices"])}


class InvoiceView(PortalSignInRequiredMixin, DetailView):
    template_name = "corp_portal/invoice.html"
    context_object_name = "invoice"
    nav_item = "corp_portal:invoices"

    def get_queryset(self):
        return (
            Invoice.objects.filter(account_id=self.portal_login.account_id)
            .select_related("account")
            .prefetch_related(
                Prefetch("lines", InvoiceLine.objects.select_related("plan_tier__product"))
            )
        )


class BillToView(PortalSignInRequiredMixin, ServiceFormMixin, UpdateView):
    """The account's billing address; an account without one is told so, with no form."""

    template_name = "corp_portal/bill_to.html"
    form_class = BillToForm
    http_method_names = ["get", "post"]
    nav_item = "corp_portal:bill-to"

    def get_object(self, queryset=None):
        return BillTo.objects.filter(account_id=self.portal_login.account_id).first()

    def get_form_kwargs(self):
        # The form works on a copy, so a rejected POST leaves the address as saved.
        return {**super().get_form_kwargs(), "instance": copy.copy(self.object)}

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object is None:
            return self.render_to_response(self.get_context_data())
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        if self.object is None:
            kwargs["form"] = None
        return super().get_context_data(address=self.object, **kwargs)

    def service_call(self, form):
        bill_to_update(
            portal_login=self.portal_login, bill_to=self.object, changes=form.cleaned_data
        )
        messages.success(self.request, _("Bill To saved."))
        return redirect("corp_portal:bill-to")


class PaymentProfileView(PortalSignInRequiredMixin, TemplateView):
    template_name = "corp_portal/payment_profile.html"
    nav_item = "corp_portal:payment-profile"

    def get_context_data(self, **kwargs):
        profile = PaymentProfile.objects.filter(account_id=self.portal_login.account_id).first()
        return super().get_context_data(profile=profile, **kwargs)


class SubscriptionsView(PortalSignInRequiredMixin, ListView):
    template_name = "corp_portal/subscriptions.html"
    context_object_name = "subscriptions"
    nav_item = "corp_portal:subscriptions"

    def get_queryset(self):
        return self.subscriptions()


class AddSeatsView(PortalSignInRequiredMixin, SubscriptionOrderView):
    """New seat quantity -> review (with a new order key) -> place service order
    (accounts.views.SubscriptionOrderView; the POST's `step` says which). A new quantity
    that adds no seats is told on the seats field."""

    template_name = "corp_portal/add_seats.html"
    review_template_name = "corp_portal/add_seats_review.html"
    form_class = SeatsForm
    place_form_class = ServiceOrderForm
    refusal_field = "seats"
    http_method_names = ["get", "post"]
    nav_item = "corp_portal:subscriptions"

    def posted_step(self):
        return {"review": self.REVIEW, "place": self.PLACE}.get(self.request.POST.get("step"))

    def get_initial(self):
        seats = self.request.GET.get("seats", "")
        if not (seats.isascii() and seats.isdigit()):
            seats = self.subscription.licenses + 1
        return {"seats": seats}

    def review(self, form):
        seats = form.cleaned_data["seats"]
        quote = seats_validate(subscription=self.subscription, seats=seats)
        return {
            "order_form": ServiceOrderForm(
                initial={"seats": seats, "seats_reviewed": self.subscription.licenses}
            ),
            "seats": seats,
            "seats_added": quote.quantity,
            "amount": quote.amount,
        }

    def place(self, form):
        return service_order_place(
            portal_login=self.portal_login,
            subscription_id=self.subscription.pk,
            seats=form.cleaned_data["seats"],
            seats_reviewed=form.cleaned_data["seats_reviewed"],
            order_key=self.order_key(),
        )

    def placed(self, order):
        messages.success(
            self.request,
            _(
                "Service order %(number)s placed: %(product)s now has %(seats)d seats. "
                "A confirmation is in your mailbox."
            )
            % {
                "number": order.number,
                "product": self.subscription.product.name,
                "seats": order.seats_after,
            },
        )
        return redirect("corp_portal:subscriptions")

    def already_placed(self, order):
        """A resubmitted review (Back then Place service order, a double click)."""
        self.subscription.refresh_from_db(fields=["licenses"])
        messages.info(
            self.request,
            _(
                "Service order %(number)s was already placed: nothing was ordered again. "
                "%(product)s has %(seats)d seats."
            )
            % {
                "number": order.reference,
                "product": self.subscription.product.name,
                "seats": self.subscription.licenses,
            },
        )
        return redirect("corp_portal:subscriptions")
