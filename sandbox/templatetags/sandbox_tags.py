import re

from django import template
from django.conf import settings
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from ..models import TrainerNote
from ..trainer_notes import trainer_notes_on

register = template.Library()


@register.inclusion_tag("sandbox/includes/trainer_note.html", takes_context=True)
def trainer_note_panel(context):
    """The note of the page's `outcome`, when notes are on: one query, none without outcome."""
    outcome = context.get("outcome")
    request = context.get("request")
    note = None
    if outcome and trainer_notes_on(request):
        note = TrainerNote.objects.filter(outcome=str(outcome)).first()
    return {"note": note}


@register.inclusion_tag("sandbox/includes/trainer_notes_toggle.html", takes_context=True)
def trainer_notes_toggle(context):
    """The header's switch: a POST form that works without JavaScript, back to this page."""
    request = context.get("request")
    return {
        "notes_on": trainer_notes_on(request),
        "next": request.get_full_path() if request else "",
        "csrf_token": context.get("csrf_token"),
    }


_LANGUAGE_PREFIXES = "|".join(re.escape(code) for code, _name in settings.LANGUAGES)
_SITE_PATH = re.compile(rf"(?<![\w/])(/(?:{_LANGUAGE_PREFIXES})/[\w\-./?=%;&]*[\w/])")


@register.filter(is_safe=True)
def link_site_paths(html: SafeString) -> SafeString:
    """Paths of this site in an email's text ("/es/corp-billing/") become links, so a trainee
    goes from the invoice email to the portal's sign-in. Text not yet escaped is escaped."""
    escaped = str(conditional_escape(html))
    return mark_safe(_SITE_PATH.sub(r'<a href="\1" data-testid="mail-link">\1</a>', escaped))
