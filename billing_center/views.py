"""Billing Center screens: the documented sign-in flow (BC-1, BC-2, BC-2a, BC-2b) and the
billing admin's pages. Every decision is asked of accounts.decisions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, ListView, TemplateView

from accounts.clock import sandbox_today
from accounts.decisions import (
    FROM_ADMIN_CENTER,
    Outcome,
    billing_center_landing,
    billing_contact,
    can_see_billing_contact,
    is_billing_admin_of,
    my_account_outcome,
    subscriptions_outcome,
)
from accounts.models import Activity, Subscription, User
from accounts.services import (
    OrderAlreadyPlaced,
    order_key_new,
    order_key_read,
    order_placed_before,
)
from accounts.views import SignInView, SignOutView

from . import services
from .cards import CardDeclined
from .forms import AddLicensesForm, BillingInfoForm, EditSubscriptionForm, PaymentMethodForm
from .models import BillingInfo, Invoice, PaymentMethod

SIGN_IN = "billing_center:sign-in"


class BillingCenterSignInView(SignInView):
    """The LogMeIn ID sign-in; success goes to the landing, which applies BC-1 / BC-2."""

    template_name = "billing_center/sign_in.html"
    next_page = "billing_center:landing"


class BillingCenterSignOutView(SignOutView):
    next_page = reverse_lazy(SIGN_IN)


class SignedInMixin(LoginRequiredMixin):
    """Not signed in: to the Billing Center sign-in, coming back here afterwards."""

    login_url = reverse_lazy(SIGN_IN)


def wrong_location(request, status=200):
    """BC-2: "You seem to have landed in the wrong place", with the account profile link."""
    return render(
        request, "billing_center/wrong_location.html", {"outcome": Outcome.BC_2}, status=status
    )


class BillingAdminMixin(SignedInMixin):
    """The billing admin's pages. Anyone else gets the wrong-location page: a URL never
    bypasses the role."""

    billing_admin_page = True

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            if not is_billing_admin_of(request.user, request.user.account):
                return wrong_location(request, status=403)
            self.account = request.user.account
        return super().dispatch(request, *args, **kwargs)

    def subscriptions(self):
        return Subscription.objects.with_prices().filter(account=self.account)

    def get_context_data(self, **kwargs):
        return super().get_context_data(account=self.account, billing_admin_nav=True, **kwargs)


@login_required(login_url=SIGN_IN)
def landing(request):
    """After sign-in: BC-1 to Subscriptions, BC-2 to the wrong-location message."""
    if billing_center_landing(request.user) == Outcome.BC_1:
        return redirect("billing_center:subscriptions")
    return redirect("billing_center:wrong-location")


class WrongLocationView(SignedInMixin, View):
    def get(self, request):
        return wrong_location(request)


class MyAccountView(SignedInMixin, TemplateView):
    """The person's profile, then BC-2a (standard account) or BC-2b (corporate account)."""

    template_name = "billing_center/my_account.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        account = user.account
        outcome = my_account_outcome(user)
        is_billing_admin = is_billing_admin_of(user, account)
        context = {
            "profile": user,
            "is_billing_admin": is_billing_admin,
            "billing_admin_nav": is_billing_admin,
            "outcome": outcome,
            "corporate_billing": outcome == Outcome.BC_2B,
        }
        if account is not None and can_see_billing_contact(user, account):
            context["billing_contact"] = billing_contact(account)
            context["account_admins"] = User.objects.filter(
                account=account, is_account_admin=True
            ).exclude(pk=user.pk)
        return super().get_context_data(**context, **kwargs)


class SubscriptionsView(BillingAdminMixin, TemplateView):
    """BC-1, or AC-1 when the Admin Center's Add Licenses sent the billing admin here: one
    card per product."""

    template_name = "billing_center/subscriptions.html"

    def get_context_data(self, **kwargs):
        from_admin_center = self.request.GET.get("from") == FROM_ADMIN_CENTER
        return super().get_context_data(
            subscriptions=list(self.subscriptions()),
            outcome=subscriptions_outcome(self.request.user, from_admin_center=from_admin_center),
            today=sandbox_today(),
            **kwargs,
        )


class SubscriptionOrderView(BillingAdminMixin, TemplateView):
    """A form, its order summary, then Place Order: the same page posted three times.

    POST without `place`: validate and show the summary, with a new order key. POST with
    `place`: validate again (nothing is trusted from the summary page but its key) and place
    the order; a summary placed before shows that order instead of charging again.
    """

    form_class = None
    template_name = "billing_center/order.html"

    def get_subscription(self):
        return get_object_or_404(self.subscriptions(), pk=self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        self.subscription = self.get_subscription()
        form = self.form_class(subscription=self.subscription)
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        self.subscription = self.get_subscription()
        if "place" in request.POST:
            placed = order_placed_before(account=self.account, data=request.POST)
            if placed is not None:
                return self.already_placed(placed)
        form = self.form_class(request.POST, subscription=self.subscription)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            summary = self.summarize(form.cleaned_data)
            if "place" not in request.POST:
                context = self.get_context_data(
                    form=form, summary=summary, order_key=order_key_new()
                )
                return self.render_to_response(context)
            invoice = self.place(form.cleaned_data, order_key=order_key_read(request.POST))
        except OrderAlreadyPlaced as placed:
            return self.already_placed(placed.order)
        except ValidationError as error:
            form.add_error(None, error)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(
            request,
            _("Thank you: your order is placed. Invoice %(number)s is in your billing history.")
            % {"number": invoice.number},
        )
        return redirect("billing_center:subscriptions")

    def already_placed(self, order):
        """A resubmitted summary (Back then Place Order, a double click): its invoice."""
        messages.info(
            self.request,
            _("This order was already placed: invoice %(number)s. Nothing was charged again.")
            % {"number": order.reference},
        )
        invoice = Invoice.objects.filter(account=self.account, number=order.reference).first()
        if invoice is None:
            return redirect("billing_center:subscriptions")
        return redirect("billing_center:invoice", pk=invoice.pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(subscription=self.subscription, kind=self.kind, **kwargs)


class AddLicensesView(SubscriptionOrderView):
    form_class = AddLicensesForm
    kind = "add-licenses"

    def summarize(self, data):
        return services.order_summary_add_licenses(
            subscription=self.subscription, quantity=data["quantity"]
        )

    def place(self, data, *, order_key):
        return services.order_place(
            actor=self.request.user,
            account=self.account,
            subscription_id=self.subscription.pk,
            quantity=data["quantity"],
            order_key=order_key,
        )


class EditSubscriptionView(SubscriptionOrderView):
    form_class = EditSubscriptionForm
    kind = "edit"

    def summarize(self, data):
        return services.order_summary_change(
            subscription=self.subscription,
            plan_tier=data["plan_tier"],
            billing_frequency=data["billing_frequency"],
        )

    def place(self, data, *, order_key):
        return services.subscription_change(
            actor=self.request.user,
            account=self.account,
            subscription_id=self.subscription.pk,
            plan_tier_id=data["plan_tier"].pk,
            billing_frequency=data["billing_frequency"],
            order_key=order_key,
        )


class CancelSubscriptionView(BillingAdminMixin, TemplateView):
    """GET: the confirmation step. POST `action=cancel` or `action=undo`."""

    template_name = "billing_center/cancel.html"

    def get_subscription(self):
        return get_object_or_404(self.subscriptions(), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(subscription=self.get_subscription(), **kwargs)

    def post(self, request, *args, **kwargs):
        subscription = self.get_subscription()
        action = request.POST.get("action")
        service = {
            "cancel": services.subscription_cancel,
            "undo": services.subscription_cancel_undo,
        }.get(action)
        if service is None:
            raise Http404
        try:
            service(actor=request.user, account=self.account, subscription_id=subscription.pk)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            if action == "cancel":
                messages.success(
                    request,
                    _(
                        "%(product)s is pending cancellation. "
                        "You can undo this until the renewal date."
                    )
                    % {"product": subscription.product.name},
                )
            else:
                messages.success(
                    request,
                    _("The cancellation of %(product)s is undone.")
                    % {"product": subscription.product.name},
                )
        return redirect("billing_center:subscriptions")


class PaymentMethodView(BillingAdminMixin, TemplateView):
    template_name = "billing_center/payment_method.html"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", PaymentMethodForm())
        return super().get_context_data(
            payment_method=PaymentMethod.objects.filter(account=self.account).first(), **kwargs
        )

    def post(self, request, *args, **kwargs):
        form = PaymentMethodForm(request.POST)
        if form.is_valid():
            try:
                services.payment_method_replace(
                    actor=request.user,
                    account=self.account,
                    card_number=form.cleaned_data["card_number"],
                    exp_month=form.cleaned_data["exp_month"],
                    exp_year=form.cleaned_data["exp_year"],
                )
            except CardDeclined as declined:
                form.add_error("card_number", declined)
            else:
                messages.success(request, _("Your payment method is updated."))
                return redirect("billing_center:payment-method")
        return self.render_to_response(self.get_context_data(form=form), status=400)


class BillingInfoView(BillingAdminMixin, TemplateView):
    template_name = "billing_center/billing_info.html"

    def get_instance(self):
        return BillingInfo.objects.filter(account=self.account).first() or BillingInfo(
            account=self.account
        )

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", BillingInfoForm(instance=self.get_instance()))
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        form = BillingInfoForm(request.POST, instance=self.get_instance())
        if form.is_valid():
            services.billing_info_update(
                actor=request.user, account=self.account, data=form.cleaned_data
            )
            messages.success(request, _("Your billing info is updated."))
            return redirect("billing_center:billing-info")
        return self.render_to_response(self.get_context_data(form=form), status=400)


class BillingHistoryView(BillingAdminMixin, ListView):
    template_name = "billing_center/billing_history.html"
    context_object_name = "invoices"
    paginate_by = 25

    def get_queryset(self):
        return Invoice.objects.filter(account=self.account).select_related("product", "plan_tier")


class InvoiceView(BillingAdminMixin, DetailView):
    template_name = "billing_center/invoice.html"
    context_object_name = "invoice"

    def get_queryset(self):
        return Invoice.objects.filter(account=self.account).select_related(
            "account", "product", "plan_tier"
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            billing_info=BillingInfo.objects.filter(account=self.account).first(), **kwargs
        )


class ActivityView(BillingAdminMixin, ListView):
    """Recent activity: who changed what, when, before and after."""

    template_name = "billing_center/activity.html"
    context_object_name = "activities"
    paginate_by = 25

    def get_queryset(self):
        return Activity.objects.filter(account=self.account).select_related("actor")
