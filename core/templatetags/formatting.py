"""The site's one way to show money and dates in a template: `{% load formatting %}`."""

from django import template

from core.formatting import (
    format_clock,
    format_day,
    format_moment,
    format_money,
    format_time_of_day,
    sentence_end,
)

register = template.Library()


@register.filter
def money(amount, currency):
    """`{{ invoice.total|money:invoice.currency }}` -> "R$ 1.234,50" on a pt-BR page."""
    return format_money(amount, currency)


@register.filter
def day(value):
    """`{{ invoice.issued_on|day }}` -> "5 de março de 2026" on a pt-BR page."""
    return format_day(value)


@register.filter
def moment(value):
    """`{{ message.sent_at|moment }}` -> "March 5, 2026, 2:30 PM" on an English page."""
    return format_moment(value)


@register.filter
def clock(value):
    """`{{ lockout.until|clock }}` -> "14:30 (UTC)" on a pt-BR page."""
    return format_clock(value)


@register.filter
def time_of_day(value):
    """`{{ reached_at|time_of_day }}` -> "14:30" on a pt-BR page (the zone said once, above)."""
    return format_time_of_day(value)


register.filter("sentence_end", sentence_end)
