from django.conf import settings

from core.centers import CENTERS_BY_NAMESPACE


def sandbox(request):
    """The center the page belongs to (shown in the header), from the URL's namespace, and
    whether this is an open sandbox that shows its personas' credentials (SANDBOX_OPEN)."""
    match = getattr(request, "resolver_match", None)
    return {
        "current_center": CENTERS_BY_NAMESPACE.get(match.namespace) if match else None,
        "sandbox_open": settings.SANDBOX_OPEN,
    }
