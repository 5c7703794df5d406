from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from .models import Account, Activity, PlanPrice, PlanTier, Product, Subscription, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = [
        "email",
        "first_name",
        "last_name",
        "account",
        "is_account_admin",
        "is_billing_admin",
    ]
    list_filter = ["account", "is_account_admin", "is_billing_admin", "is_staff"]
    list_select_related = ["account"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal info"), {"fields": ["first_name", "last_name"]}),
        (_("Account and roles"), {"fields": ["account", "is_account_admin", "is_billing_admin"]}),
        (_("Sandbox staff"), {"fields": ["is_active", "is_staff", "is_superuser"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]}),
    ]


class SubscriptionInline(admin.TabularInline):
    model = Subscription
    extra = 0


@admin.register(Account)
class AccountAdmin(admin.ModelAdmin):
    list_display = ["name", "billing", "currency"]
    inlines = [SubscriptionInline]


class PlanPriceInline(admin.TabularInline):
    model = PlanPrice
    extra = 0


@admin.register(PlanTier)
class PlanTierAdmin(TranslationAdmin):
    list_display = ["name", "product", "rank"]
    inlines = [PlanPriceInline]


@admin.register(Product)
class ProductAdmin(TranslationAdmin):
    list_display = ["name", "code", "license_unit"]


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = [
        "account",
        "product",
        "plan_tier",
        "licenses",
        "billing_frequency",
        "renewal_date",
        "status",
    ]
    list_select_related = ["account", "product", "plan_tier"]


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor_label", "account", "action", "summary"]
    list_filter = ["action", "account"]
    readonly_fields = [f.name for f in Activity._meta.fields]
