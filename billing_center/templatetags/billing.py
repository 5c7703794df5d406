from django import template
from django.utils.translation import gettext

from accounts.models import BillingFrequency, Subscription
from billing_center.cart import Cart

register = template.Library()


@register.filter
def activity_label(action):
    labels = {
        "order_placed": gettext("Order placed"),
        "plan_changed": gettext("Subscription changed"),
        "subscription_cancelled": gettext("Cancellation requested"),
        "cancellation_undone": gettext("Cancellation undone"),
        "payment_method_changed": gettext("Payment method changed"),
        "billing_info_changed": gettext("Billing info changed"),
    }
    return labels.get(action, action)


@register.filter
def change_label(key):
    labels = {
        "product": gettext("Product"),
        "licenses": gettext("Licenses"),
        "invoice": gettext("Invoice number"),
        "order": gettext("Order number"),
        "plan_tier": gettext("Plan tier"),
        "billing_frequency": gettext("Billing frequency"),
        "status": gettext("Status"),
        "card": gettext("Card"),
        "company_name": gettext("Company name"),
        "address_line1": gettext("Address"),
        "address_line2": gettext("Address (line 2)"),
        "city": gettext("City"),
        "postal_code": gettext("Postal code"),
        "country": gettext("Country"),
        "vat_number": gettext("VAT number"),
    }
    return labels.get(key, key)


@register.filter
def change_value(value, key):
    """A recorded value, in the page's language where it is one of the choices."""
    choices = {
        "status": dict(Subscription.Status.choices),
        "billing_frequency": dict(BillingFrequency.choices),
    }.get(key, {})
    return choices.get(value, value)


@register.simple_tag(takes_context=True)
def cart_nav_label(context) -> str:
    """The navigation's "Cart", with the number of lines in it when there are any."""
    count = len(Cart(context["request"].session))
    if not count:
        return gettext("Cart")
    return gettext("Cart (%(count)d)") % {"count": count}
