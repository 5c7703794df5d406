from django.apps import AppConfig


class ClassesConfig(AppConfig):
    """The trainer's classes: create one, let trainees join its seats, watch its live board."""

    name = "classes"
    verbose_name = "Classes"
