from django.contrib import admin

from .models import BillingInfo, Invoice, PaymentMethod


@admin.register(PaymentMethod)
class PaymentMethodAdmin(admin.ModelAdmin):
    list_display = ["account", "brand", "last4", "exp_month", "exp_year", "updated_at"]
    list_select_related = ["account"]


@admin.register(BillingInfo)
class BillingInfoAdmin(admin.ModelAdmin):
    list_display = ["account", "company_name", "city", "country", "vat_number"]
    list_select_related = ["account"]


@admin.register(Invoice)
class InvoiceAdmin(admin.ModelAdmin):
    list_display = ["number", "account", "kind", "issued_on", "product", "total", "currency"]
    list_filter = ["kind", "account"]
    list_select_related = ["account", "product"]
    search_fields = ["number", "account__name"]
    date_hierarchy = "issued_on"
