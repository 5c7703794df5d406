"""The trainer's Course material page: the button that runs `capture_screens` in the
background (`runs.course_material_start`), how far it is (a plain reload, no
script), and, when done, the zip, handouts and PDFs, served to the trainer only."""

from pathlib import Path

from csp.decorators import csp_update
from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from core.steps import StepsMixin
from sandbox.access import TrainerRequiredMixin

from .course_material import CaptureUnavailable, Progress, chromium_check, material_files
from .runs import course_material_start


def course_material_root() -> Path:
    return Path(settings.SANDBOX_COURSE_MATERIAL_ROOT)


def capture_unavailable() -> str:
    """Why no capture can run on this machine (no Chromium, no Playwright), or ""."""
    try:
        chromium_check()
    except CaptureUnavailable as error:
        return str(error)
    return ""


class CourseMaterialView(TrainerRequiredMixin, StepsMixin, TemplateView):
    """GET: the last run's progress and files. POST: start a run (one at a time)."""

    template_name = "course/course_material.html"
    post_steps = {None: "start"}

    def get_context_data(self, **kwargs):
        progress = Progress.read(course_material_root())
        return super().get_context_data(
            unavailable=capture_unavailable(),
            progress=progress,
            running=progress is not None and progress.running,
            files=material_files(course_material_root()),
            **kwargs,
        )

    def step_start(self):
        unavailable = capture_unavailable()
        if unavailable:
            messages.error(self.request, unavailable)
        elif course_material_start(out=course_material_root()):
            messages.success(
                self.request, _("The capture started. Refresh this page to follow it.")
            )
        else:
            messages.info(self.request, _("A capture is already running."))
        return redirect("course:course-material")


# A handout is a page of its own, its style inline.
@method_decorator(csp_update({"style-src": ["'unsafe-inline'"]}), name="dispatch")
class CourseMaterialFileView(TrainerRequiredMixin, View):
    """A file of the last run (zip, handout, PDF, or a picture a handout shows); nothing
    outside the course material's folder. `View`: a file, no template to render."""

    http_method_names = ["get", "head"]

    def get(self, request, name):
        root = course_material_root().resolve()
        path = (root / name).resolve()
        if not path.is_relative_to(root) or not path.is_file() or path.name.startswith("."):
            raise Http404
        return FileResponse(path.open("rb"), as_attachment=path.suffix == ".zip")
