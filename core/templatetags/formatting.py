"""The site's one way to show money and dates in a template: `{% load formatting %}`.

Each filter is the `core.formatting` function of the same meaning, in the page's language:
`{{ invoice.total|money:invoice.currency }}` ("R$ 1.234,50" on a pt-BR page),
`{{ invoice.issued_on|day }}` (`{{ seat.today|short_day }}` where room is short),
`{{ message.sent_at|moment }}`, `{{ lockout.until|clock }}`, `{{ reached_at|time_of_day }}`,
`{{ answer.time_taken|duration }}`,
`{{ text|sentence_end }}`.
"""

from django import template

from core.formatting import (
    format_clock,
    format_day,
    format_duration,
    format_moment,
    format_money,
    format_short_day,
    format_time_of_day,
    sentence_end,
)

register = template.Library()

register.filter("money", format_money)
register.filter("day", format_day)
register.filter("short_day", format_short_day)
register.filter("moment", format_moment)
register.filter("clock", format_clock)
register.filter("time_of_day", format_time_of_day)
register.filter("duration", format_duration)
register.filter("sentence_end", sentence_end)
