from django.apps import AppConfig


class CourseConfig(AppConfig):
    """Course material: pictures of every outcome page and each center's main pages, per
    persona and language, a handout per language and a zip (`capture_screens`, and the
    trainer's Course material page)."""

    name = "course"
    verbose_name = "Course material"
