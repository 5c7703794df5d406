"""The trainer's Course material page: the button that runs `capture_screens` in the
background (`runs.course_material_start`), how far it is (a plain reload, no
script), and, when done, the zip, handouts and PDFs, served to the trainer only."""

from pathlib import Path

from csp.decorators import csp_update
from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from sandbox.views import trainer_only

from .course_material import CaptureUnavailable, Progress, chromium_check, material_files
from .runs import course_material_start


def course_material_root() -> Path:
    return Path(settings.SANDBOX_COURSE_MATERIAL_ROOT)


@trainer_only
@require_http_methods(["GET", "POST"])
def course_material(request):
    """GET: the last run's progress and files. POST: start a run (one at a time)."""
    try:
        chromium_check()
        unavailable = ""
    except CaptureUnavailable as error:
        unavailable = str(error)
    if request.method == "POST":
        if unavailable:
            messages.error(request, unavailable)
        elif course_material_start(out=course_material_root()):
            messages.success(request, _("The capture started. Refresh this page to follow it."))
        else:
            messages.info(request, _("A capture is already running."))
        return redirect("course:course-material")
    progress = Progress.read(course_material_root())
    return render(
        request,
        "course/course_material.html",
        {
            "unavailable": unavailable,
            "progress": progress,
            "running": progress is not None and progress.running,
            "files": material_files(course_material_root()),
        },
    )


# A handout is a page of its own, its style inline.
@csp_update({"style-src": ["'unsafe-inline'"]})
@trainer_only
@require_GET
def course_material_file(request, name):
    """A file of the last run (zip, handout, PDF, or a picture a handout shows); nothing
    outside the course material's folder."""
    root = course_material_root().resolve()
    path = (root / name).resolve()
    if not path.is_relative_to(root) or not path.is_file() or path.name.startswith("."):
        raise Http404
    return FileResponse(path.open("rb"), as_attachment=path.suffix == ".zip")
