"""The Corporate Billing Portal's pages. Its sign-in is its own: the session keeps the portal
login under SESSION_KEY, apart from the LogMeIn ID of the Billing Center and Admin Center."""

import copy
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.decisions import portal_sign_in_outcome
from accounts.models import Subscription
from accounts.services import (
    OrderAlreadyPlaced,
    order_key_new,
    order_key_read,
    order_placed_before,
)
from core.redirects import same_site_url

from .forms import BillToForm, PortalSignInForm, SeatsForm, ServiceOrderForm
from .models import BillTo, Invoice, InvoiceLine, PaymentProfile, PortalLogin
from .services import bill_to_update, seats_validate, service_order_place

SESSION_KEY = "corp_portal_login"
FROM_ADMIN_CENTER = "admin-center"
INVOICES_SHOWN = 20


def portal_login_required(view):
    """Pages after the portal sign-in: `request.portal_login`, or off to the portal sign-in."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        pk = request.session.get(SESSION_KEY)
        login = None
        if isinstance(pk, int):
            login = PortalLogin.objects.select_related("account", "holder").filter(pk=pk).first()
        if login is None:
            request.session.pop(SESSION_KEY, None)
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('corp_portal:sign-in')}?{query}")
        request.portal_login = login
        return view(request, *args, **kwargs)

    return wrapper


def _render(request, template, section, **context):
    return render(
        request,
        f"corp_portal/{template}",
        {"portal_login": request.portal_login, "portal_section": section, **context},
    )


@require_http_methods(["GET", "POST"])
def sign_in(request):
    """User ID + password. A refusal carries the article's conclusion, decided from the
    sign-in's answer by accounts.decisions: BC-2c, or AC-3c for someone who came from the
    Admin Center (`?from=admin-center`, kept through the POST); a locked User ID is told so."""
    data = request.POST if request.method == "POST" else request.GET
    from_admin_center = data.get("from") == FROM_ADMIN_CENTER
    next_url = same_site_url(request, data.get("next", ""))
    outcome = None
    if request.method == "POST":
        form = PortalSignInForm(request.POST)
        if form.is_valid():
            request.session.cycle_key()
            request.session[SESSION_KEY] = form.portal_login.pk
            return redirect(next_url or reverse("corp_portal:invoices"))
        outcome = portal_sign_in_outcome(form.sign_in_result, from_admin_center=from_admin_center)
    else:
        form = PortalSignInForm(initial={"user_id": request.GET.get("user_id", "")[:254]})
    return render(
        request,
        "corp_portal/sign_in.html",
        {
            "form": form,
            "outcome": outcome,
            "from_admin_center": from_admin_center,
            "next": next_url,
            "signed_in_portal_login": request.session.get(SESSION_KEY),
        },
    )


def forgot_password(request):
    """How the real portal's "Forgot password?" works, told in the sandbox."""
    holders = [login.holder for login in PortalLogin.objects.select_related("holder")]
    return render(
        request,
        "corp_portal/forgot_password.html",
        {
            # A closed sandbox (SANDBOX_OPEN=false) shows no credentials.
            "sample_password": settings.SANDBOX_PORTAL_PASSWORD if settings.SANDBOX_OPEN else "",
            "holder_name": ", ".join(holder.get_full_name() for holder in holders if holder),
        },
    )


@require_POST
def sign_out(request):
    """Leaves the portal only: a LogMeIn ID signed in to the other centers stays signed in."""
    if request.session.pop(SESSION_KEY, None) is not None:
        messages.info(request, _("You signed out of the Corporate Billing Portal."))
    return redirect("corp_portal:sign-in")


@portal_login_required
def invoices(request):
    latest = Invoice.objects.filter(account_id=request.portal_login.account_id)[:INVOICES_SHOWN]
    return _render(request, "invoices.html", "invoices", invoices=latest)


@portal_login_required
def invoice(request, pk):
    shown = get_object_or_404(
        Invoice.objects.select_related("account").prefetch_related(
            Prefetch("lines", InvoiceLine.objects.select_related("plan_tier__product"))
        ),
        pk=pk,
        account_id=request.portal_login.account_id,
    )
    return _render(request, "invoice.html", "invoices", invoice=shown)


@portal_login_required
@require_http_methods(["GET", "POST"])
def bill_to(request):
    address = BillTo.objects.filter(account_id=request.portal_login.account_id).first()
    form = None
    if address is not None:
        # The form works on a copy, so a rejected POST leaves `address` as saved.
        form = BillToForm(request.POST or None, instance=copy.copy(address))
        if request.method == "POST" and form.is_valid():
            try:
                bill_to_update(
                    portal_login=request.portal_login, bill_to=address, changes=form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Bill To saved."))
                return redirect("corp_portal:bill-to")
    return _render(request, "bill_to.html", "bill-to", address=address, form=form)


@portal_login_required
def payment_profile(request):
    profile = PaymentProfile.objects.filter(account_id=request.portal_login.account_id).first()
    return _render(request, "payment_profile.html", "payment-profile", profile=profile)


@portal_login_required
def subscriptions(request):
    held = Subscription.objects.with_prices().filter(account_id=request.portal_login.account_id)
    return _render(request, "subscriptions.html", "subscriptions", subscriptions=held)


@portal_login_required
@require_http_methods(["GET", "POST"])
def add_seats(request, pk):
    """New seat quantity -> review (with a new order key) -> place service order (`step`
    says which). A review placed before shows that order instead of ordering again."""
    subscription = get_object_or_404(
        Subscription.objects.with_prices().filter(account_id=request.portal_login.account_id),
        pk=pk,
    )
    step = request.POST.get("step", "")
    if request.method == "POST" and step == "place":
        placed = order_placed_before(account=request.portal_login.account, data=request.POST)
        if placed is not None:
            return _already_placed(request, subscription, placed)
        order_form = ServiceOrderForm(request.POST)
        if order_form.is_valid():
            try:
                order = service_order_place(
                    portal_login=request.portal_login,
                    subscription_id=subscription.pk,
                    seats=order_form.cleaned_data["seats"],
                    seats_reviewed=order_form.cleaned_data["seats_reviewed"],
                    order_key=order_key_read(request.POST),
                )
            except OrderAlreadyPlaced as placed:
                return _already_placed(request, subscription, placed.order)
            except ValidationError as error:
                form = SeatsForm(request.POST)
                form.is_valid()
                form.add_error(None, error)
                return _seats_page(request, subscription, form)
            messages.success(
                request,
                _(
                    "Service order %(number)s placed: %(product)s now has %(seats)d seats. "
                    "A confirmation is in your mailbox."
                )
                % {
                    "number": order.number,
                    "product": subscription.product.name,
                    "seats": order.seats_after,
                },
            )
            return redirect("corp_portal:subscriptions")
        form = SeatsForm(request.POST)
        form.add_error(None, _("The order could not be read. Please enter the seats again."))
        return _seats_page(request, subscription, form)
    if request.method == "POST" and step == "review":
        form = SeatsForm(request.POST)
        if form.is_valid():
            seats = form.cleaned_data["seats"]
            try:
                quote = seats_validate(subscription=subscription, seats=seats)
            except ValidationError as error:
                form.add_error("seats", error)
            else:
                return _render(
                    request,
                    "add_seats_review.html",
                    "subscriptions",
                    subscription=subscription,
                    order_form=ServiceOrderForm(
                        initial={"seats": seats, "seats_reviewed": subscription.licenses}
                    ),
                    order_key=order_key_new(),
                    seats=seats,
                    seats_added=quote.quantity,
                    amount=quote.amount,
                )
        return _seats_page(request, subscription, form)
    initial = request.GET.get("seats", "")
    seats = initial if initial.isascii() and initial.isdigit() else subscription.licenses + 1
    form = SeatsForm(initial={"seats": seats})
    return _seats_page(request, subscription, form)


def _already_placed(request, subscription, order):
    """A resubmitted review (Back then Place service order, a double click)."""
    subscription.refresh_from_db(fields=["licenses"])
    messages.info(
        request,
        _(
            "Service order %(number)s was already placed: nothing was ordered again. "
            "%(product)s has %(seats)d seats."
        )
        % {
            "number": order.reference,
            "product": subscription.product.name,
            "seats": subscription.licenses,
        },
    )
    return redirect("corp_portal:subscriptions")


def _seats_page(request, subscription, form):
    return _render(request, "add_seats.html", "subscriptions", subscription=subscription, form=form)
