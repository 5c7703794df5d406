"""The join card: a class's join link as text and as a QR code, for the projector.

The QR code is drawn here, on the server, by segno: an inline SVG, no image request, no
JavaScript and no outside service."""

import segno
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from core.public_url import absolute_url
from seats.models import Classroom


def join_url(request: HttpRequest, classroom: Classroom) -> str:
    """The absolute join link of `classroom`, in the class's language."""
    with translation.override(classroom.language):
        return absolute_url(request, reverse("classes:join", kwargs={"code": classroom.code}))


def qr_svg(text: str, *, label: str) -> SafeString:
    """`text` as a QR code, an SVG that scales to its box (no width or height of its own),
    named `label` for screen readers (role="img", an aria-label and a <title>, which segno
    escapes)."""
    qr = segno.make(text, error="m")
    svg = qr.svg_inline(
        title=label, svgclass="join-qr", lineclass=None, omitsize=True, light="#fff"
    )
    named = format_html('<svg role="img" aria-label="{}" data-testid="join-qr" ', label)
    return mark_safe(svg.replace("<svg ", named, 1))
