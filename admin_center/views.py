"""The Admin Center: sign-in, overview, Manage Users and "Add Licenses" (docs/decision-tables.md).

Every page is for account admins only (`can_use_admin_center`); anyone else who is signed in
is told so, without the Admin Center's navigation.
"""

from dataclasses import dataclass

from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.views.generic import ListView, TemplateView, View

from accounts.decisions import (
    FROM_ADMIN_CENTER,
    Outcome,
    add_licenses_outcome,
    billing_contact,
    can_see_billing_contact,
    can_use_admin_center,
)
from accounts.models import Account, Subscription, User
from accounts.views import SignInView, SignOutView
from core.centers import CORPORATE_BILLING_PORTAL

from .mailto import billing_admin_mailto

USERS_PER_PAGE = 25


class AdminCenterSignInView(SignInView):
    """The LogMeIn ID sign-in, landing on the Admin Center (same session as the Billing Center)."""

    template_name = "admin_center/sign_in.html"
    next_page = "admin_center:home"


class AdminCenterSignOutView(SignOutView):
    next_page = "admin_center:sign-in"


class AccountAdminRequiredMixin(LoginRequiredMixin):
    """Signed-in account admins only; anyone else is told plainly what the Admin Center is for."""

    login_url = reverse_lazy("admin_center:sign-in")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not can_use_admin_center(request.user):
            return render(request, "admin_center/refused.html", status=403)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            account=self.request.user.account, show_navigation=True, **kwargs
        )


class HomeView(AccountAdminRequiredMixin, TemplateView):
    template_name = "admin_center/home.html"
    nav_item = "home"


@dataclass
class UserRow:
    user: User
    roles: list[str]
    is_billing_contact: bool


def user_rows(users, *, viewer: User, account: Account) -> list[UserRow]:
    """Manage Users' rows: who the billing contact is shows only where the article allows it."""
    show_billing_contact = can_see_billing_contact(viewer, account)
    return [
        UserRow(
            user,
            user.role_labels(show_billing_admin=show_billing_contact),
            show_billing_contact and user.is_billing_admin,
        )
        for user in users
    ]


class ManageUsersView(AccountAdminRequiredMixin, ListView):
    """The account's users with their roles, the billing contact marked, a page at a time."""

    template_name = "admin_center/users.html"
    paginate_by = USERS_PER_PAGE
    nav_item = "users"

    def get_queryset(self):
        return User.objects.filter(account_id=self.request.user.account_id)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = user_rows(
            context["object_list"], viewer=self.request.user, account=context["account"]
        )
        context["show_billing_contact"] = can_see_billing_contact(
            self.request.user, context["account"]
        )
        return context


class AddLicensesView(AccountAdminRequiredMixin, View):
    """ "Add Licenses" in the left navigation: AC-1, AC-2 or AC-3, as the decision says."""

    nav_item = "add-licenses"

    def get(self, request):
        user = request.user
        account = user.account
        outcome = add_licenses_outcome(user)
        if outcome == Outcome.AC_1:
            subscriptions = reverse("billing_center:subscriptions")
            return redirect(f"{subscriptions}?from={FROM_ADMIN_CENTER}")
        context = {
            "outcome": outcome,
            "account": account,
            "show_navigation": True,
            "view": self,
        }
        if outcome == Outcome.AC_2:
            contact = billing_contact(account)
            context["billing_admin"] = contact
            if contact is not None:
                context["mailto"] = billing_admin_mailto(
                    billing_admin=contact, requester=user, account=account
                )
            return render(request, "admin_center/add_licenses_contact.html", context)
        if outcome == Outcome.AC_3:
            context["subscriptions"] = Subscription.objects.filter(account=account).select_related(
                "product"
            )
            context["portal"] = CORPORATE_BILLING_PORTAL
            return render(request, "admin_center/add_licenses_products.html", context)
        raise ValueError(f"Add Licenses has no page for {outcome}.")
