import logging
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from course.course_material import ZIP_NAME, CaptureUnavailable, languages
from course.runs import course_material_build
from course.screen_capture import CaptureError


class Command(BaseCommand):
    help = (
        "Course material: capture every outcome page and each center's main pages per persona "
        "and language with Playwright and Chromium (SANDBOX_CHROMIUM), in a seat made for the "
        "run and deleted after it, then write a handout per language (HTML and PDF) and a zip."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--out",
            type=Path,
            default=None,
            help="Output folder (default: SANDBOX_COURSE_MATERIAL_ROOT, course-material/).",
        )
        parser.add_argument(
            "--language",
            action="append",
            choices=languages(),
            help="A language to capture (repeat it); default: every language of the sandbox.",
        )
        parser.add_argument(
            "--only",
            default="",
            help="Comma-separated shot ids to capture (outcome ids such as BC-2b, path ends, "
            "or main page slugs such as billing-center-subscriptions): a quick partial run.",
        )

    def handle(self, *args, **options):
        out = options["out"] or settings.SANDBOX_COURSE_MATERIAL_ROOT
        # The Admin Center's refusal is a 403 the capture shows on purpose: not a warning.
        # (A filter, not a level: the server's WSGI application sets logging up again.)
        logging.getLogger("django.request").addFilter(lambda r: r.levelno >= logging.ERROR)
        only = {part.strip() for part in options["only"].split(",") if part.strip()}
        try:
            progress = course_material_build(
                out=out,
                language_codes=options["language"],
                only=only or None,
                echo=self.stdout.write,
            )
        except (CaptureUnavailable, CaptureError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"{progress.done} steps done. Handouts, PDFs and {ZIP_NAME} in {Path(out)}"
            )
        )
