from django.conf import settings

from core.centers import CENTERS_BY_NAMESPACE

from .trainer_notes import trainer_notes_on


def sandbox(request):
    """The center the page belongs to (shown in the header), from the URL's namespace, and
    whether this is an open sandbox that shows its personas' credentials (SANDBOX_OPEN), and
    whether this browser shows trainer notes (a note that is no outcome's asks it)."""
    match = getattr(request, "resolver_match", None)
    return {
        "current_center": CENTERS_BY_NAMESPACE.get(match.namespace) if match else None,
        "sandbox_open": settings.SANDBOX_OPEN,
        "trainer_notes_on": trainer_notes_on(request),
    }
