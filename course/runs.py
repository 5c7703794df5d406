"""A run of the course material: `course_material_build` captures, writes the handouts, their
PDFs and the zip (the `capture_screens` command runs it in the terminal), and
`course_material_start` runs the same build in a thread of this process for the trainer's
button, one run at a time.

It sits above the two halves it joins, what to capture and write (`course_material.py`) and
the browser that captures (`screen_capture.py`, which uses the first): no circle between them.
"""

import threading
from pathlib import Path

from django.conf import settings
from django.db import close_old_connections, connections
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .course_material import CaptureUnavailable, Progress, chromium_check, languages
from .screen_capture import capture_run


def course_material_build(
    *,
    out: Path,
    language_codes: list[str] | None = None,
    only: set[str] | None = None,
    echo=None,
) -> Progress:
    """Capture every shot in every language, write the handouts, their PDFs and the zip.

    Raises CaptureUnavailable (Chromium or Playwright missing) before anything is written
    but the progress file, which then says so too."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    language_codes = language_codes or languages()
    try:
        chromium = chromium_check()
    except CaptureUnavailable as error:
        failed = Progress(state="failed", message=str(error))
        failed.write(out)
        raise
    return capture_run(
        out=out, chromium=chromium, language_codes=language_codes, only=only, echo=echo
    )


_background: threading.Thread | None = None
_background_lock = threading.Lock()


def course_material_start(*, out: Path | None = None) -> bool:
    """The trainer's button: the same build in a thread of this process. False when a run is
    already under way (here or, by its progress file, elsewhere)."""
    global _background
    out = Path(out or settings.SANDBOX_COURSE_MATERIAL_ROOT)
    with _background_lock:
        progress = Progress.read(out)
        if (_background is not None and _background.is_alive()) or (
            progress is not None and progress.running
        ):
            return False
        Progress(started_at=timezone.now().isoformat(), current=str(_("Starting"))).write(out)
        _background = threading.Thread(
            target=_background_run, kwargs={"out": out}, name="capture_screens", daemon=True
        )
        _background.start()
        return True


def _background_run(*, out: Path) -> None:
    close_old_connections()
    try:
        course_material_build(out=out)
    except CaptureUnavailable:
        pass  # the progress file says so
    except Exception as error:  # noqa: BLE001 - the page must say the run failed, and why
        progress = Progress.read(out) or Progress()
        progress.state = "failed"
        progress.message = f"{type(error).__name__}: {error}"
        progress.write(out)
    finally:
        connections.close_all()
