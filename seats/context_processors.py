def seat(request):
    """The seat this browser joined, for the header's badge (None in the default seat)."""
    return {"joined_seat": getattr(request, "joined_seat", None)}
