from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import BillTo, Invoice, InvoiceLine, PaymentProfile, PortalLogin, ServiceOrder
from .services import portal_lockout_clear


class PortalLoginAdminForm(forms.ModelForm):
    """The hash is never shown; a new password is typed in clear and stored hashed."""

    new_password = forms.CharField(
        label=_("New password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("Leave empty to keep the current password."),
    )

    class Meta:
        model = PortalLogin
        fields = ["user_id", "account", "holder"]

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk and not cleaned.get("new_password"):
            self.add_error("new_password", _("A new portal login needs a password."))
        return cleaned

    def save(self, commit=True):
        login = super().save(commit=False)
        if self.cleaned_data.get("new_password"):
            login.set_password(self.cleaned_data["new_password"])
        if commit:
            login.save()
        return login


@admin.register(PortalLogin)
class PortalLoginAdmin(admin.ModelAdmin):
    form = PortalLoginAdminForm
    list_display = ["user_id", "account", "holder", "failed_attempts", "locked_until"]
    list_select_related = ["account", "holder"]
    search_fields = ["user_id", "holder__email"]
    readonly_fields = ["failed_attempts", "locked_until", "last_sign_in_at"]
    actions = ["clear_lockout"]

    @admin.action(description=_("Clear lockout"))
    def clear_lockout(self, request, queryset):
        logins = list(queryset.select_related("account"))
        for login in logins:
            portal_lockout_clear(portal_login=login, actor=request.user)
        self.message_user(
            request,
            ngettext(
                "Lockout cleared for %(count)d User ID.",
                "Lockout cleared for %(count)d User IDs.",
                len(logins),
            )
            % {"count": len(logins)},
            messages.SUCCESS,
        )


class InvoiceLineInline(admin.TabularInline):
    model = InvoiceLine
    extra = 0


@admin.register(Invoice)
class InvoiceAdmin(admin.ModelAdmin):
    list_display = ["number", "account", "issued_on", "total", "currency", "status"]
    list_filter = ["account", "status"]
    list_select_related = ["account"]
    inlines = [InvoiceLineInline]


@admin.register(BillTo)
class BillToAdmin(admin.ModelAdmin):
    list_display = ["account", "company_name", "city", "country"]


@admin.register(PaymentProfile)
class PaymentProfileAdmin(admin.ModelAdmin):
    list_display = ["account", "payment_type"]


@admin.register(ServiceOrder)
class ServiceOrderAdmin(admin.ModelAdmin):
    list_display = ["placed_at", "account", "subscription", "seats_before", "seats_after"]
    list_select_related = ["account", "subscription__product"]
    readonly_fields = [f.name for f in ServiceOrder._meta.fields]
