"""The Corporate Billing Portal's pages. Its sign-in is its own: the session keeps the portal
login under SESSION_KEY, apart from the LogMeIn ID of the Billing Center and Admin Center."""

import copy
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import UserPassesTestMixin
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView, TemplateView, UpdateView, View

from accounts.clock import sandbox_today
from accounts.decisions import FROM_ADMIN_CENTER, portal_sign_in_outcome
from accounts.models import Subscription
from accounts.services import REVIEW_AGAIN
from core.centers import CORPORATE_BILLING_PORTAL
from core.formatting import format_day, format_money
from core.mixins import SensitivePostMixin, ServiceFormMixin
from core.public_url import absolute_url
from core.redirects import same_site_url
from core.steps import StepsMixin
from logmein_id.views import SubscriptionOrderView
from seats.prepared import PreparedRead

from .forms import (
    AutoRenewalOffForm,
    BillToForm,
    ForgotPasswordForm,
    InvoiceContactForm,
    NewPasswordForm,
    PayNowForm,
    PortalSignInForm,
    PurchaseOrderForm,
    QuoteDecisionForm,
    SeatsForm,
    ServiceOrderForm,
)
from .invoice_rows import invoice_rows
from .models import (
    AutoRenewal,
    BillTo,
    Invoice,
    InvoiceContact,
    InvoiceLine,
    PaymentProfile,
    PortalLogin,
    PurchaseOrder,
    Quote,
)
from .reviews import ReviewedOrder, review_forget, review_keep, review_read
from .services import (
    add_seats_refusal,
    auto_renewal_set,
    bill_to_update,
    invoice_contact_add,
    invoice_contact_remove,
    invoice_pay,
    normalize_user_id,
    portal_password_kept,
    portal_password_reset_login,
    portal_password_reset_send,
    portal_password_set,
    purchase_order_add,
    quote_decide,
    seats_validate,
    service_order_place,
)

SESSION_KEY = CORPORATE_BILLING_PORTAL.separate_sign_in_key
# A message shown as a trainer note (includes/messages.html), not as an alert.
TRAINER_NOTE_TAG = "trainer-note"
INVOICES_SHOWN = 20


class SignInView(SensitivePostMixin, FormView):
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


class ForgotPasswordView(FormView):
    """Forgot Password?: the User ID -> a link to set a new password, emailed to whoever
    receives the User ID's invoices (the sandbox's mailbox). The answer is the same whether
    the User ID exists or not."""

    template_name = "corp_portal/forgot_password.html"
    form_class = ForgotPasswordForm
    http_method_names = ["get", "post"]

    def get_initial(self):
        return {"user_id": self.request.GET.get("user_id", "")[:254]}

    def form_valid(self, form):
        def reset_url(login, token):
            return absolute_url(
                self.request, reverse("corp_portal:reset-password", args=[reset_key(login, token)])
            )

        portal_password_reset_send(user_id=form.cleaned_data["user_id"], reset_url=reset_url)
        return self.render_to_response(
            self.get_context_data(
                form=form, sent_to=normalize_user_id(form.cleaned_data["user_id"])
            )
        )

    def get_context_data(self, **kwargs):
        holders = [login.holder for login in PortalLogin.objects.select_related("holder")]
        return super().get_context_data(
            # A closed sandbox (SANDBOX_OPEN=false) shows no credentials.
            sample_password=settings.SANDBOX_PORTAL_PASSWORD if settings.SANDBOX_OPEN else "",
            holder_name=", ".join(holder.get_full_name() for holder in holders if holder),
            **kwargs,
        )


def reset_key(login: PortalLogin, token: str) -> str:
    """The reset link's one path segment: the login's id, a dash, its token."""
    return f"{login.pk}-{token}"


class ResetPasswordView(SensitivePostMixin, ServiceFormMixin, FormView):
    """The page the emailed link opens: a new password for the User ID, once, before the
    link expires. A used or expired link says so and offers Forgot Password? again."""

    template_name = "corp_portal/reset_password.html"
    form_class = NewPasswordForm
    http_method_names = ["get", "post"]

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        login_id, _dash, self.token = kwargs["key"].partition("-")
        self.portal_login = (
            portal_password_reset_login(login_id=int(login_id), token=self.token)
            if login_id.isascii() and login_id.isdigit()
            else None
        )

    def post(self, request, *args, **kwargs):
        if self.portal_login is None:
            return self.render_to_response(self.get_context_data(form=None))
        return super().post(request, *args, **kwargs)

    def service_call(self, form):
        portal_password_set(
            portal_login=self.portal_login,
            token=self.token,
            password=form.cleaned_data["password"],
        )
        messages.success(
            self.request,
            _("Your new password is set. Sign in with User ID %(user_id)s.")
            % {"user_id": self.portal_login.user_id},
        )
        if portal_password_kept(self.portal_login):
            messages.info(self.request, self.kept_note(), extra_tags=TRAINER_NOTE_TAG)
        query = urlencode({"user_id": self.portal_login.user_id})
        return redirect(f"{reverse('corp_portal:sign-in')}?{query}")

    def kept_note(self) -> str:
        """The trainer note of a new password shown as set but not kept."""
        return _(
            "In the default seat the sample password stays: User ID %(user_id)s still signs "
            "in with %(password)s, so every demonstration works, and the new password is not "
            "kept. In a seat of a class the new password is set for real."
        ) % {"user_id": self.portal_login.user_id, "password": settings.SANDBOX_PORTAL_PASSWORD}

    def get_context_data(self, **kwargs):
        if self.portal_login is None:
            kwargs["form"] = None
        elif portal_password_kept(self.portal_login):
            kwargs["kept_note"] = self.kept_note()
        return super().get_context_data(reset_login=self.portal_login, **kwargs)


class SignOutView(View):
    """Leaves the portal only: a LogMeIn ID signed in to the other centers stays signed in."""

    http_method_names = ["post"]

    def post(self, request):
        if request.session.pop(SESSION_KEY, None) is not None:
            messages.info(request, _("You signed out of the Corporate Billing Portal."))
        return redirect("corp_portal:sign-in")


# Every portal page reads the session's login, and the invoices page its latest invoices:
# their SQL compiled once a process (seats.prepared).
_portal_login = PreparedRead(
    lambda pk: PortalLogin.objects.select_related("account", "holder").filter(pk=pk),
    PortalLogin._meta.pk,
)
_invoices_shown = PreparedRead(
    lambda account_id: Invoice.objects.filter(account_id=account_id)[:INVOICES_SHOWN],
    Invoice._meta.get_field("account"),
)


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
        return _portal_login.first(pk)

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
        return _invoices_shown(self.portal_login.account_id)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        return {**context, "rows": invoice_rows(context["invoices"])}


class InvoiceView(PortalSignInRequiredMixin, DetailView):
    """An invoice, its lines, its balance (after any Pay Now payment) and Pay Now."""

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
        # Auto-renewal's state in the same query (on unless turned off in the portal).
        turned_off = AutoRenewal.objects.filter(subscription=OuterRef("pk"), enabled=False)
        return (
            self.subscriptions()
            .annotate(renewal_off=Exists(turned_off))
            .order_by(*Subscription._meta.ordering)
        )


class AutoRenewalView(PortalSignInRequiredMixin, StepsMixin, FormView):
    """Auto-renewal of one subscription, in steps (core.steps.StepsMixin): turning it on is
    one button (`turn_on`, the page's `enabled=on`); turning it off asks why (a reason, an
    optional comment) on this page first (`turn_off`, the form)."""

    template_name = "corp_portal/auto_renewal.html"
    form_class = AutoRenewalOffForm
    http_method_names = ["get", "post"]
    nav_item = "corp_portal:subscriptions"
    step_field = "enabled"
    post_steps = {"on": "turn_on", None: "turn_off"}
    form_steps = ("turn_off",)

    @cached_property
    def subscription(self):
        return get_object_or_404(self.subscriptions(), pk=self.kwargs["pk"])

    def step_turn_on(self):
        auto_renewal_set(
            portal_login=self.portal_login, subscription_id=self.subscription.pk, enabled=True
        )
        messages.success(self.request, self.done_message(enabled=True))
        return redirect("corp_portal:subscriptions")

    def step_turn_off(self, form):
        auto_renewal_set(
            portal_login=self.portal_login,
            subscription_id=self.subscription.pk,
            enabled=False,
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
        )
        messages.success(self.request, self.done_message(enabled=False))
        return redirect("corp_portal:subscriptions")

    def done_message(self, *, enabled: bool) -> str:
        words = (
            _("Auto-renewal of %(product)s is on: it renews on %(date)s.")
            if enabled
            else _("Auto-renewal of %(product)s is off: it ends on %(date)s unless renewed.")
        )
        return words % {
            "product": self.subscription.product.name,
            "date": format_day(self.subscription.renewal_date),
        }

    def get_context_data(self, **kwargs):
        setting = AutoRenewal.objects.filter(subscription=self.subscription).first()
        return super().get_context_data(
            subscription=self.subscription,
            renews=setting is None or setting.enabled,
            setting=setting,
            **kwargs,
        )


class QuotesView(PortalSignInRequiredMixin, ListView):
    """The price quotes the account's representative sent: open ones first to answer."""

    template_name = "corp_portal/quotes.html"
    context_object_name = "quotes"
    nav_item = "corp_portal:quotes"

    def get_queryset(self):
        return Quote.objects.filter(account_id=self.portal_login.account_id).select_related(
            "subscription__product", "subscription__plan_tier"
        )


class QuoteView(PortalSignInRequiredMixin, StepsMixin, FormView):
    """A quote, in steps (core.steps.StepsMixin): the quote (`page`); Accept or Reject shows
    a confirmation step (`confirm`, `?confirm=accept|reject`, a page of its own, so it works
    without JavaScript), whose button answers the quote (`answer`, POST)."""

    template_name = "corp_portal/quote.html"
    form_class = QuoteDecisionForm
    http_method_names = ["get", "post"]
    nav_item = "corp_portal:quotes"
    step_field = "confirm"
    get_steps = {
        QuoteDecisionForm.ACCEPT: "confirm",
        QuoteDecisionForm.REJECT: "confirm",
        None: "page",
    }
    post_steps = {None: "answer"}
    form_steps = ("answer",)

    @cached_property
    def quote(self):
        quotes = Quote.objects.filter(account_id=self.portal_login.account_id)
        return get_object_or_404(
            quotes.select_related("subscription__product", "subscription__plan_tier"),
            pk=self.kwargs["pk"],
        )

    def step_confirm(self):
        return self.step_page()

    def confirming(self) -> str | None:
        """The decision the page asks to confirm: the `confirm` step's, or the one posted
        (shown again with a refusal), while the quote is open."""
        choice = self.step_value if self.step == "confirm" else self.request.POST.get("decision")
        valid = (QuoteDecisionForm.ACCEPT, QuoteDecisionForm.REJECT)
        return choice if self.quote.is_open and choice in valid else None

    def get_initial(self):
        return {"decision": self.confirming()}

    def step_answer(self, form):
        accept = form.cleaned_data["decision"] == QuoteDecisionForm.ACCEPT
        quote = quote_decide(portal_login=self.portal_login, quote_id=self.quote.pk, accept=accept)
        words = (
            _("Quote %(number)s accepted. Your LogMeIn representative puts it into effect.")
            if accept
            else _("Quote %(number)s rejected. Your LogMeIn representative is told.")
        )
        messages.success(self.request, words % {"number": quote.number})
        return redirect("corp_portal:quote", pk=quote.pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            quote=self.quote,
            confirming=self.confirming(),
            accepting=self.confirming() == QuoteDecisionForm.ACCEPT,
            **kwargs,
        )


class PayNowView(PortalSignInRequiredMixin, ServiceFormMixin, FormView):
    """Pay Now on an invoice: in full or a part; then the invoice, with its balance."""

    template_name = "corp_portal/pay_now.html"
    form_class = PayNowForm
    refusal_field = "amount"
    http_method_names = ["get", "post"]
    nav_item = "corp_portal:invoices"

    @cached_property
    def invoice(self):
        return get_object_or_404(
            Invoice.objects.filter(account_id=self.portal_login.account_id), pk=self.kwargs["pk"]
        )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "balance": self.invoice.balance}

    def service_call(self, form):
        payment = invoice_pay(
            portal_login=self.portal_login,
            invoice_id=self.invoice.pk,
            amount=form.cleaned_data["amount"],
        )
        messages.success(
            self.request,
            _("Payment of %(amount)s received for invoice %(number)s. Balance: %(balance)s.")
            % {
                "amount": format_money(payment.amount, self.invoice.currency),
                "number": self.invoice.number,
                "balance": format_money(payment.balance_after, self.invoice.currency),
            },
        )
        return redirect("corp_portal:invoice", pk=self.invoice.pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(invoice=self.invoice, **kwargs)


class InvoiceContactsView(PortalSignInRequiredMixin, ServiceFormMixin, FormView):
    """Who receives the invoices: the User ID's holder and the contacts added here (add one
    with the form; each listed one has Remove)."""

    template_name = "corp_portal/invoice_contacts.html"
    form_class = InvoiceContactForm
    refusal_field = "email"
    http_method_names = ["get", "post"]
    nav_item = "corp_portal:invoice-contacts"

    def service_call(self, form):
        contact = invoice_contact_add(portal_login=self.portal_login, **form.cleaned_data)
        messages.success(
            self.request, _("%(email)s now receives the invoices.") % {"email": contact.email}
        )
        return redirect("corp_portal:invoice-contacts")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            contacts=InvoiceContact.objects.filter(account_id=self.portal_login.account_id),
            **kwargs,
        )


class InvoiceContactRemoveView(PortalSignInRequiredMixin, StepsMixin, TemplateView):
    """Remove an invoice contact, in steps (core.steps.StepsMixin): a confirmation page
    (GET), then `remove` (POST)."""

    template_name = "corp_portal/invoice_contact_remove.html"
    http_method_names = ["get", "post"]
    nav_item = "corp_portal:invoice-contacts"
    post_steps = {None: "remove"}

    @cached_property
    def contact(self):
        return get_object_or_404(
            InvoiceContact.objects.filter(account_id=self.portal_login.account_id),
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(contact=self.contact, **kwargs)

    def step_remove(self):
        contact = self.contact
        invoice_contact_remove(portal_login=self.portal_login, contact_id=contact.pk)
        messages.success(
            self.request,
            _("%(email)s no longer receives the invoices.") % {"email": contact.email},
        )
        return redirect("corp_portal:invoice-contacts")


class PurchaseOrdersView(PortalSignInRequiredMixin, ServiceFormMixin, FormView):
    """The account's Purchase Orders and their expiry dates; add one with the form."""

    template_name = "corp_portal/purchase_orders.html"
    form_class = PurchaseOrderForm
    http_method_names = ["get", "post"]
    nav_item = "corp_portal:purchase-orders"

    def service_call(self, form):
        order = purchase_order_add(
            portal_login=self.portal_login, today=sandbox_today(), **form.cleaned_data
        )
        messages.success(
            self.request, _("Purchase Order %(number)s added.") % {"number": order.number}
        )
        return redirect("corp_portal:purchase-orders")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            purchase_orders=PurchaseOrder.objects.filter(account_id=self.portal_login.account_id),
            today=sandbox_today(),
            **kwargs,
        )


class AddSeatsView(PortalSignInRequiredMixin, SubscriptionOrderView):
    """New seat quantity -> review (with a new order key) -> place service order
    (logmein_id.views.SubscriptionOrderView; the POST's `step` says which). A new quantity
    that adds no seats is told on the seats field."""

    template_name = "corp_portal/add_seats.html"
    review_template_name = "corp_portal/add_seats_review.html"
    form_class = SeatsForm
    place_form_class = ServiceOrderForm
    refusal_field = "seats"
    http_method_names = ["get", "post"]
    nav_item = "corp_portal:subscriptions"

    step_field = "step"  # the form posts step=review, the review step=place
    post_steps = {
        "review": SubscriptionOrderView.REVIEW,
        "place": SubscriptionOrderView.PLACE,
        None: SubscriptionOrderView.FORM,  # the order form again
    }

    def before_step(self):
        return self.refused_for_quote() or super().before_step()

    def refused_for_quote(self):
        """While a quote on the subscription is open, Add Seats says so and links to it
        (corp_portal.services.add_seats_refusal decides), and orders nothing."""
        subscription = self.subscriptions().filter(pk=self.kwargs["pk"]).first()
        if subscription is None:  # the order view answers: a 404, or the seat was reset
            return None
        quote = add_seats_refusal(subscription=subscription)
        if quote is None:
            return None
        self.subscription = subscription
        return render(
            self.request,
            "corp_portal/add_seats_refused.html",
            self.get_context_data(form=None, quote=quote),
        )

    def get_initial(self):
        seats = self.request.GET.get("seats", "")
        if not (seats.isascii() and seats.isdigit()):
            seats = self.subscription.licenses + 1
        return {"seats": seats}

    def review(self, form):
        seats = form.cleaned_data["seats"]
        quote = seats_validate(subscription=self.subscription, seats=seats)
        review_keep(
            self.request.session,
            order_key=self.review_key,
            order=ReviewedOrder(self.subscription.pk, seats, self.subscription.licenses),
        )
        return {
            "order_form": ServiceOrderForm(
                initial={"seats": seats, "seats_reviewed": self.subscription.licenses}
            ),
            "seats": seats,
            "seats_added": quote.quantity,
            "amount": quote.amount,
        }

    def place(self, form):
        """Places the order this session reviewed under the posted key, exactly as reviewed:
        the hidden fields only have to agree with it (an edited one is refused)."""
        order_key = self.order_key()
        reviewed = review_read(self.request.session, order_key=order_key)
        if reviewed is None or reviewed.subscription_id != self.subscription.pk:
            raise ValidationError(REVIEW_AGAIN, code="not_reviewed")
        if (form.cleaned_data["seats"], form.cleaned_data["seats_reviewed"]) != (
            reviewed.seats,
            reviewed.seats_before,
        ):
            raise ValidationError(
                _(
                    "This is not the service order you reviewed, so nothing was ordered. "
                    "Please review the order again."
                ),
                code="not_as_reviewed",
            )
        order = service_order_place(
            portal_login=self.portal_login,
            subscription_id=reviewed.subscription_id,
            seats=reviewed.seats,
            seats_reviewed=reviewed.seats_before,
            order_key=order_key,
        )
        review_forget(self.request.session, order_key=order_key)
        return order

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
