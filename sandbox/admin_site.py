"""The Django admin's site, whose sign-in is the trainer's (`admin:login`: the trainer pages
send a signed-out visitor there). The trainer lives in the default seat only, so a browser in
a seat is asked to leave it first, and nothing it sends there is checked or counted toward a
lockout (sandbox/lockouts.py)."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache


class TrainerAdminSite(admin.AdminSite):
    @method_decorator(never_cache)
    @method_decorator(login_not_required)
    def login(self, request, extra_context=None):
        seat = getattr(request, "joined_seat", None)
        if seat is not None:
            return render(
                request,
                "sandbox/trainer_sign_in_in_seat.html",
                {"seat": seat, "back_to": request.get_full_path()},
            )
        return super().login(request, extra_context)


class TrainerAdminConfig(AdminConfig):
    """django.contrib.admin with the sandbox's site (INSTALLED_APPS names this instead)."""

    default_site = "sandbox.admin_site.TrainerAdminSite"
