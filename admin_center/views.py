"""The Admin Center: sign-in, overview, Manage Users and "Add Licenses" (docs/decision-tables.md).

Every page is for account admins only (`can_use_admin_center`); anyone else who is signed in
is told so, without the Admin Center's navigation.
"""

from dataclasses import dataclass

from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.views.generic import ListView, TemplateView

from accounts.decisions import (
    FROM_ADMIN_CENTER,
    Outcome,
    add_licenses_outcome,
    can_see_billing_contact,
    can_use_admin_center,
    whom_to_contact,
)
from accounts.models import Account, Subscription, User
from core.centers import CORPORATE_BILLING_PORTAL
from core.mixins import CenterAccessMixin
from logmein_id.views import SignInView, SignOutView

from .mailto import billing_admin_mailto

USERS_PER_PAGE = 25


class AdminCenterSignInView(SignInView):
    """The LogMeIn ID sign-in, landing on the Admin Center (same session as the Billing Center)."""

    template_name = "admin_center/sign_in.html"
    next_page = "admin_center:home"


class AdminCenterSignOutView(SignOutView):
    next_page = "admin_center:sign-in"


class AccountAdminRequiredMixin(CenterAccessMixin):
    """Signed-in account admins only (`can_use_admin_center`); anyone else signed in is told
    plainly what the Admin Center is for, without its navigation."""

    login_url = reverse_lazy("admin_center:sign-in")

    def test_func(self):
        return can_use_admin_center(self.request.user)

    def refused(self):
        return render(self.request, "admin_center/refused.html", status=403)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            account=self.request.user.account, show_navigation=True, **kwargs
        )


class HomeView(AccountAdminRequiredMixin, TemplateView):
    template_name = "admin_center/home.html"
    nav_item = "admin_center:home"


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
    nav_item = "admin_center:users"

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


class AddLicensesView(AccountAdminRequiredMixin, TemplateView):
    """ "Add Licenses" in the left navigation: AC-1, AC-2 or AC-3, as the decision says.
    AC-1 is the Billing Center's Subscriptions; AC-2 and AC-3 have a page each."""

    nav_item = "admin_center:add-licenses"
    template_names = {
        Outcome.AC_2: "admin_center/add_licenses_contact.html",
        Outcome.AC_3: "admin_center/add_licenses_products.html",
    }

    def get(self, request, *args, **kwargs):
        self.outcome = add_licenses_outcome(request.user)
        if self.outcome == Outcome.AC_1:
            subscriptions = reverse("billing_center:subscriptions")
            return redirect(f"{subscriptions}?from={FROM_ADMIN_CENTER}")
        return super().get(request, *args, **kwargs)

    def get_template_names(self):
        if self.outcome not in self.template_names:
            raise ValueError(f"Add Licenses has no page for {self.outcome}.")
        return [self.template_names[self.outcome]]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(outcome=self.outcome, **kwargs)
        account, user = context["account"], self.request.user
        if self.outcome == Outcome.AC_2:
            contact = context["contact"] = whom_to_contact(account)
            if contact.names_billing_admin:
                context["billing_admin"] = contact.billing_admin
                context["mailto"] = billing_admin_mailto(
                    billing_admin=contact.billing_admin, requester=user, account=account
                )
        elif self.outcome == Outcome.AC_3:
            context["subscriptions"] = Subscription.objects.filter(account=account).select_related(
                "product"
            )
            context["portal"] = CORPORATE_BILLING_PORTAL
        return context
