from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import BillTo, Invoice, InvoiceLine, PaymentProfile, PortalLogin, ServiceOrder
from .services import portal_lockout_clear


@admin.register(PortalLogin)
class PortalLoginAdmin(admin.ModelAdmin):
    list_display = ["user_id", "account", "holder", "failed_attempts", "locked_until"]
    list_select_related = ["account", "holder"]
    search_fields = ["user_id", "holder__email"]
    # The hash is never shown or typed here: the sample data sets the password.
    exclude = ["password"]
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
