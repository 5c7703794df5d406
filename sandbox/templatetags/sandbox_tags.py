import re

from django import template
from django.conf import settings
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


_LANGUAGE_PREFIXES = "|".join(re.escape(code) for code, _name in settings.LANGUAGES)
_SITE_PATH = re.compile(rf"(?<![\w/])(/(?:{_LANGUAGE_PREFIXES})/[\w\-./?=%;&]*[\w/])")


@register.filter(is_safe=True)
def link_site_paths(html: SafeString) -> SafeString:
    """Paths of this site in an email's text ("/es/corp-billing/") become links, so a trainee
    goes from the invoice email to the portal's sign-in. Text not yet escaped is escaped."""
    escaped = str(conditional_escape(html))
    return mark_safe(_SITE_PATH.sub(r'<a href="\1" data-testid="mail-link">\1</a>', escaped))
