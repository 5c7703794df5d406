from django import template

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
