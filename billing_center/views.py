"""Billing Center screens: the documented sign-in flow (BC-1, BC-2, BC-2a, BC-2b) and the
billing admin's pages. Every decision is asked of accounts.decisions."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import (
    DetailView,
    FormView,
    ListView,
    RedirectView,
    TemplateView,
    UpdateView,
)

from accounts.clock import sandbox_today
from accounts.decisions import (
    FROM_ADMIN_CENTER,
    Outcome,
    billing_center_landing,
    can_see_billing_contact,
    is_billing_admin_of,
    my_account_outcome,
    subscriptions_outcome,
    whom_to_contact,
)
from accounts.models import Activity, Subscription, User
from accounts.services import (
    OrderAlreadyPlaced,
    SeatWasReset,
    order_key_posted,
    seat_was_reset_check,
)
from core.formatting import format_day, format_list_of
from core.mixins import CenterAccessMixin, SensitivePostMixin, ServiceFormMixin
from core.steps import StepsMixin
from logmein_id.views import (
    SignInView,
    SignOutView,
    SubscriptionOrderView,
    seat_was_reset_page,
)
from seats.prepared import PreparedRead, first_of

from . import services
from .cart import Cart, cart_lines, cart_totals, reviewed_lines
from .forms import (
    AddLicensesForm,
    BillingInfoForm,
    CheckoutForm,
    EditSubscriptionForm,
    NewSubscriptionForm,
    PaymentMethodForm,
)
from .invoice_rows import invoice_rows
from .models import BillingInfo, Invoice, PaymentMethod
from .subscription_cards import subscription_cards

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
    nav_item = None


class BillingAdminRequiredMixin(CenterAccessMixin):
    """The billing admin's pages (`is_billing_admin_of`). Anyone else signed in gets the
    wrong-location page, BC-2: a URL never bypasses the role."""

    login_url = reverse_lazy(SIGN_IN)
    nav_item = None

    def test_func(self):
        user = self.request.user
        return user.is_authenticated and is_billing_admin_of(user, user.account)

    def refused(self):
        return WrongLocationView.refusal(self.request)

    @cached_property
    def account(self):
        return self.request.user.account

    def subscriptions(self):
        return Subscription.objects.with_prices().filter(account=self.account)

    @cached_property
    def priced_subscriptions(self) -> list[Subscription]:
        """The account's subscriptions `with_prices()`, read once a request."""
        return Subscription.objects.priced_of(self.account.pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(account=self.account, show_navigation=True, **kwargs)


class LandingView(SignedInMixin, RedirectView):
    """After sign-in: BC-1 to Subscriptions, BC-2 to the wrong-location message."""

    def get_redirect_url(self, *args, **kwargs):
        if billing_center_landing(self.request.user) == Outcome.BC_1:
            return reverse("billing_center:subscriptions")
        return reverse("billing_center:wrong-location")


class WrongLocationView(SignedInMixin, TemplateView):
    """BC-2, where the landing sends everyone but the billing admin: "You seem to have landed
    in the wrong place", with the account profile link at once; then, as the real page does,
    My Account by itself after a few seconds (a `Refresh` header: no JavaScript), unless the
    person chose to stay on the page. Also the 403 of every billing admin page to anyone else
    (`refusal`). A template response, as every outcome page is, so a seat of a class records
    BC-2 for its board."""

    template_name = "billing_center/wrong_location.html"
    status = 200

    @classmethod
    def refusal(cls, request):
        """The same page, 403, answering a billing admin page whatever its method (the page
        refused is not this view's URL: no method of its own to dispatch to)."""
        view = cls(status=403)
        view.setup(request)
        return view.get(request)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            outcome=Outcome.BC_2,
            stay="stay" in self.request.GET,
            seconds=settings.SANDBOX_WRONG_LOCATION_SECONDS,
            **kwargs,
        )

    def render_to_response(self, context, **response_kwargs):
        response_kwargs.setdefault("status", self.status)
        response = super().render_to_response(context, **response_kwargs)
        if not context["stay"]:
            my_account = reverse("billing_center:my-account")
            response["Refresh"] = f"{context['seconds']}; url={my_account}"
        return response


class MyAccountView(SignedInMixin, TemplateView):
    """The person's profile, then BC-2a (standard account) or BC-2b (corporate account)."""

    template_name = "billing_center/my_account.html"
    nav_item = "billing_center:my-account"

    def get_context_data(self, **kwargs):
        user = self.request.user
        account = user.account
        outcome = my_account_outcome(user)
        is_billing_admin = is_billing_admin_of(user, account)
        context = {
            "profile": user,
            "is_billing_admin": is_billing_admin,
            "show_navigation": is_billing_admin,
            "outcome": outcome,
            "corporate_billing": outcome == Outcome.BC_2B,
        }
        if account is not None and can_see_billing_contact(user, account):
            contact = whom_to_contact(account)
            context["billing_contact"] = contact.billing_admin
            context["no_billing_admin"] = contact.is_fallback
            context["account_admins"] = User.objects.filter(
                account=account, is_account_admin=True
            ).exclude(pk=user.pk)
        return super().get_context_data(**context, **kwargs)


class SubscriptionsView(BillingAdminRequiredMixin, TemplateView):
    """BC-1, or AC-1 when the Admin Center's Add Licenses sent the billing admin here: one
    card per product."""

    template_name = "billing_center/subscriptions.html"
    nav_item = "billing_center:subscriptions"

    def get_context_data(self, **kwargs):
        from_admin_center = self.request.GET.get("from") == FROM_ADMIN_CENTER
        # In Meta.ordering's order: `with_prices()` is unordered, and a few rows cost nothing
        # to sort here.
        subscriptions = sorted(self.priced_subscriptions, key=Subscription.order_key)
        return super().get_context_data(
            subscriptions=subscriptions,
            cards=subscription_cards(subscriptions, currency=self.account.currency),
            outcome=subscriptions_outcome(self.request.user, from_admin_center=from_admin_center),
            today=sandbox_today(),
            **kwargs,
        )


def order_already_placed(request, *, account, orders):
    """A resubmitted order (Back then Place Order, a double click): nothing is charged
    again, and the person is taken to the (first) invoice the order was placed with."""
    messages.info(
        request,
        ngettext(
            "This order was already placed: invoice %(numbers)s. Nothing was charged again.",
            "This order was already placed: invoices %(numbers)s. Nothing was charged again.",
            len(orders),
        )
        % {"numbers": format_list_of(order.reference for order in orders)},
    )
    invoice = Invoice.objects.filter(account=account, number=orders[0].reference).first()
    if invoice is None:
        return redirect("billing_center:subscriptions")
    return redirect("billing_center:invoice", pk=invoice.pk)


def payment_details(account) -> dict:
    """What an order's page shows it will charge and bill: the card on file, the VAT number
    (`billing_center/includes/payment_details.html`)."""
    return {
        "payment_method": _payment_method.first(account.pk),
        "billing_info": _billing_info.first(account.pk),
    }


# The checkout's and an order's reads of the card and the VAT number, their SQL compiled once a
# process (seats.prepared).
_payment_method = PreparedRead(
    lambda account_id: first_of(PaymentMethod.objects.filter(account=account_id)),
    PaymentMethod._meta.get_field("account"),
)
_billing_info = PreparedRead(
    lambda account_id: first_of(BillingInfo.objects.filter(account=account_id)),
    BillingInfo._meta.get_field("account"),
)


class EditSubscriptionView(BillingAdminRequiredMixin, SubscriptionOrderView):
    """Edit subscription, an order in three steps (logmein_id.views.SubscriptionOrderView):
    the plan tier and billing frequency, their order summary, then Place Order, all on
    `billing_center/order.html`; the summary is posted again with `place`. A refused form
    answers 400. (Adding licenses goes through the cart instead: AddLicensesView, CartView,
    CheckoutView.)"""

    template_name = "billing_center/order.html"
    form_class = EditSubscriptionForm
    invalid_status = 400

    step_field = "place"  # the summary's Place Order posts place=1
    post_steps = {"1": SubscriptionOrderView.PLACE, None: SubscriptionOrderView.REVIEW}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "subscription": self.subscription}

    def review(self, form):
        """The checkout, as the real Billing Center shows it: the order summary, then what
        will be charged and billed (the card on file, the VAT number), then Place Order."""
        return {"summary": self.summarize(form.cleaned_data), **payment_details(self.account)}

    def placed(self, invoice):
        messages.success(
            self.request,
            _("Thank you: your order is placed. Invoice %(number)s is in your billing history.")
            % {"number": invoice.number},
        )
        return redirect("billing_center:subscriptions")

    def already_placed(self, order):
        return order_already_placed(self.request, account=self.account, orders=[order])

    def summarize(self, data):
        return services.order_summary_change(
            subscription=self.subscription,
            plan_tier=data["plan_tier"],
            billing_frequency=data["billing_frequency"],
        )

    def place(self, form):
        """The service checks the order again and prices it, once; a summary sent without
        its key is refused there, after what the subscription itself refuses."""
        data = form.cleaned_data
        return services.subscription_change(
            actor=self.request.user,
            account=self.account,
            subscription_id=self.subscription.pk,
            plan_tier_id=data["plan_tier"].pk,
            billing_frequency=data["billing_frequency"],
            order_key=order_key_posted(self.request.POST),
        )


class CartMixin(BillingAdminRequiredMixin):
    """The pages of the cart (Add Agents, the cart, the checkout): the session's cart, under
    the navigation's Cart."""

    nav_item = "billing_center:cart"

    @cached_property
    def cart(self):
        return Cart(self.request.session)


class AddLicensesView(CartMixin, ServiceFormMixin, FormView):
    """The product's "Add Agents" (`Product.add_licenses_label`): how many more licenses,
    then Add to Cart. Nothing is ordered here: the number is checked and priced as an order
    would be, and goes to the cart (billing_center.cart). A line already in the cart is
    edited: the form starts from its number."""

    template_name = "billing_center/add_licenses.html"
    form_class = AddLicensesForm
    invalid_status = 400

    @cached_property
    def subscription(self):
        subscription = Subscription.objects.priced(self.account.pk, self.kwargs["pk"])
        if subscription is None:
            raise Http404
        return subscription

    def get_initial(self):
        quantity = self.cart.quantity(self.subscription.pk)
        return {"quantity": quantity} if quantity else {}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "subscription": self.subscription}

    def service_call(self, form):
        quantity = form.cleaned_data["quantity"]
        services.order_summary_add_licenses(subscription=self.subscription, quantity=quantity)
        self.cart.put(self.subscription.pk, quantity)
        messages.success(
            self.request,
            ngettext(
                "In your cart: %(quantity)d more license of %(product)s.",
                "In your cart: %(quantity)d more licenses of %(product)s.",
                quantity,
            )
            % {"quantity": quantity, "product": self.subscription.product.name},
        )
        return redirect("billing_center:cart")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            subscription=self.subscription,
            in_cart=self.cart.quantity(self.subscription.pk) is not None,
            **kwargs,
        )


class CartView(CartMixin, StepsMixin, TemplateView):
    """The cart (core.steps.StepsMixin): the page, each line's licenses and price, Edit (back
    to Add Agents) and Remove, and Proceed to Checkout; its one POST step, `remove`, takes
    the line `remove=<subscription pk>` out."""

    template_name = "billing_center/cart.html"
    post_steps = {None: "remove"}

    def step_remove(self):
        try:
            subscription_id = int(self.request.POST.get("remove", ""))
        except ValueError:
            return redirect("billing_center:cart")
        subscription = self.subscriptions().select_related("product").filter(pk=subscription_id)
        if self.cart.quantity(subscription_id) is not None and subscription:
            self.cart.remove(subscription_id)
            messages.info(
                self.request,
                _("%(product)s is out of your cart.") % {"product": subscription[0].product.name},
            )
        return redirect("billing_center:cart")

    def get_context_data(self, **kwargs):
        lines = cart_lines(self.cart, self.priced_subscriptions)
        return super().get_context_data(lines=lines, **cart_totals(lines), **kwargs)


class CheckoutView(CartMixin, StepsMixin, FormView):
    """Proceed to Checkout, in two steps (core.steps.StepsMixin): `review` (GET), the order
    summary of the whole cart (the billing period beginning today, the licenses, the plan
    price, the total due), the card on file and the VAT number, Edit Order (back to the
    cart), then Place Order.

    The Place Order form carries the cart's key and the lines as shown (`reviewed_lines`).
    A cart changed since (another tab, another price) is reviewed again rather than placed;
    a cart placed before under that key (Back then Place Order, a double click, the same
    cart in two tabs) is recognised even with the cart emptied since, and charges nothing
    again: that is `place` (POST). A refused checkout answers 400."""

    template_name = "billing_center/checkout.html"
    form_class = CheckoutForm
    invalid_status = 400
    get_steps = {None: "review"}
    post_steps = {None: "place"}
    form_steps = ("place",)
    refusal_pages = {SeatWasReset: seat_was_reset_page}  # at the moment of Place Order

    @cached_property
    def lines(self):
        return cart_lines(self.cart, self.priced_subscriptions)

    def get_initial(self):
        if self.request.method == "POST":
            return {}  # Place Order: the posted lines are priced once, by the service
        return self.shown()

    def shown(self):
        return {"order_key": self.cart.key, "lines": reviewed_lines(self.lines)}

    def step_review(self):
        return self.step_page()

    def step_place(self, form):
        order_key = form.cleaned_data["order_key"]
        placed = services.cart_placed_before(account=self.account, order_key=order_key)
        if placed:
            return self.already_placed(placed, order_key=order_key)
        if order_key != self.cart.key:
            seat_was_reset_check(self.account)  # the lines are gone with the whole account?
            raise ValidationError(services.CART_CHANGED, code="changed")
        try:
            invoices = services.cart_place(
                actor=self.request.user,
                account=self.account,
                lines=self.cart.quantities(),
                order_key=self.cart.key,
                shown=form.cleaned_data["lines"],
            )
        except OrderAlreadyPlaced:  # the same cart, placed a moment ago in another tab
            placed = services.cart_placed_before(account=self.account, order_key=self.cart.key)
            return self.already_placed(placed, order_key=self.cart.key)
        self.cart.clear()
        messages.success(
            self.request,
            ngettext(
                "Thank you: your order is placed. Invoice %(numbers)s is in your billing "
                "history, and its confirmation in your email.",
                "Thank you: your order is placed. Invoices %(numbers)s are in your billing "
                "history, and their confirmations in your email.",
                len(invoices),
            )
            % {"numbers": format_list_of(invoice.number for invoice in invoices)},
        )
        return redirect("billing_center:subscriptions")

    def already_placed(self, orders, *, order_key):
        """The cart placed under `order_key` is emptied; a cart filled since is kept."""
        if self.cart.key == order_key:
            self.cart.clear()
        return order_already_placed(self.request, account=self.account, orders=orders)

    def form_invalid(self, form):
        """The refusal, above the checkout as it is now, with the cart's key to place it."""
        refusals = [error for errors in form.errors.values() for error in errors]
        fresh = self.form_class(initial=self.shown())
        return self.render_to_response(
            self.get_context_data(form=fresh, refusals=refusals), status=self.invalid_status
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            lines=self.lines,
            **payment_details(self.account),
            **cart_totals(self.lines),
            **kwargs,
        )


class NewSubscriptionView(BillingAdminRequiredMixin, StepsMixin, FormView):
    """Add New Subscription, in steps (core.steps.StepsMixin): choose another product's plan
    tier, frequency and licenses (`form`), see what it costs (`review`), then Buy (Place
    Order) or Try it free (`place`, the summary's `confirm=1`). Adding a product twice is
    refused by the service (one subscription per product), so a double click orders once."""

    template_name = "billing_center/new_subscription.html"
    form_class = NewSubscriptionForm
    invalid_status = 400
    nav_item = "billing_center:subscriptions"
    get_steps = {None: "form"}
    step_field = "confirm"
    post_steps = {"1": "place", None: "review"}
    form_steps = ("review", "place")
    refusal_pages = {SeatWasReset: seat_was_reset_page}  # the seat's reset, at the moment of Buy

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "plan_tiers": services.plan_tiers_to_add(self.account)}

    def step_form(self):
        return self.step_page()

    def step_review(self, form):
        data = form.cleaned_data
        summary = services.order_summary_new_subscription(
            account=self.account,
            plan_tier=data["plan_tier"],
            billing_frequency=data["billing_frequency"],
            licenses=data["licenses"],
        )
        return self.render_to_response(
            self.get_context_data(form=form, summary=summary, trial_days=services.TRIAL_DAYS)
        )

    def step_place(self, form):
        data = form.cleaned_data
        trial = data["mode"] == NewSubscriptionForm.TRY
        subscription = services.subscription_add(
            actor=self.request.user,
            account=self.account,
            plan_tier_id=data["plan_tier"].pk,
            billing_frequency=data["billing_frequency"],
            licenses=data["licenses"],
            trial=trial,
        )
        if trial:
            message = _("Your free trial of %(product)s runs until %(date)s.") % {
                "product": subscription.product.name,
                "date": format_day(subscription.renewal_date),
            }
        else:
            message = _(
                "Thank you: %(product)s is added. Its invoice is in your billing history."
            ) % {"product": subscription.product.name}
        messages.success(self.request, message)
        return redirect("billing_center:subscriptions")


class CancelSubscriptionView(BillingAdminRequiredMixin, StepsMixin, DetailView):
    """Cancel, in steps (core.steps.StepsMixin): the confirmation (GET), then `cancel` or
    `undo` (POST `action=`), each one button, so a refusal goes back to Subscriptions as an
    error message (`refusal_url`)."""

    template_name = "billing_center/cancel.html"
    context_object_name = "subscription"
    step_field = "action"
    post_steps = {"cancel": "cancel", "undo": "undo"}
    refusal_url = reverse_lazy("billing_center:subscriptions")

    def get_queryset(self):
        return self.subscriptions()

    def before_step(self):
        self.object = self.get_object()

    def step_cancel(self):
        services.subscription_cancel(
            actor=self.request.user, account=self.account, subscription_id=self.object.pk
        )
        messages.success(
            self.request,
            _("%(product)s is pending cancellation. You can undo this until the renewal date.")
            % {"product": self.object.product.name},
        )
        return redirect("billing_center:subscriptions")

    def step_undo(self):
        services.subscription_cancel_undo(
            actor=self.request.user, account=self.account, subscription_id=self.object.pk
        )
        messages.success(
            self.request,
            _("The cancellation of %(product)s is undone.") % {"product": self.object.product.name},
        )
        return redirect("billing_center:subscriptions")


class PaymentMethodView(SensitivePostMixin, BillingAdminRequiredMixin, ServiceFormMixin, FormView):
    """Replace the card on file; a declined card is told on the card number."""

    template_name = "billing_center/payment_method.html"
    form_class = PaymentMethodForm
    refusal_field = "card_number"
    invalid_status = 400
    nav_item = "billing_center:payment-method"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            payment_method=PaymentMethod.objects.filter(account=self.account).first(), **kwargs
        )

    def service_call(self, form):
        services.payment_method_replace(
            actor=self.request.user,
            account=self.account,
            card_number=form.cleaned_data["card_number"],
            exp_month=form.cleaned_data["exp_month"],
            exp_year=form.cleaned_data["exp_year"],
        )
        messages.success(self.request, _("Your payment method is updated."))
        return redirect("billing_center:payment-method")


class BillingInfoView(BillingAdminRequiredMixin, ServiceFormMixin, UpdateView):
    template_name = "billing_center/billing_info.html"
    form_class = BillingInfoForm
    invalid_status = 400
    nav_item = "billing_center:billing-info"

    def get_object(self, queryset=None):
        return BillingInfo.objects.filter(account=self.account).first() or BillingInfo(
            account=self.account
        )

    def service_call(self, form):
        services.billing_info_update(
            actor=self.request.user, account=self.account, data=form.cleaned_data
        )
        messages.success(self.request, _("Your billing info is updated."))
        return redirect("billing_center:billing-info")


class BillingHistoryView(BillingAdminRequiredMixin, ListView):
    template_name = "billing_center/billing_history.html"
    context_object_name = "invoices"
    paginate_by = 25
    nav_item = "billing_center:billing-history"

    def get_queryset(self):
        return Invoice.objects.filter(account=self.account).select_related("product", "plan_tier")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        return {**context, "rows": invoice_rows(context["invoices"])}


class InvoiceView(BillingAdminRequiredMixin, DetailView):
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


class ActivityView(BillingAdminRequiredMixin, ListView):
    """Recent activity: who changed what, when, before and after."""

    template_name = "billing_center/activity.html"
    context_object_name = "activities"
    paginate_by = 25
    nav_item = "billing_center:activity"

    def get_queryset(self):
        return Activity.objects.filter(account=self.account).select_related("actor")
