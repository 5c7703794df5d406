from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LessonsConfig(AppConfig):
    name = "lessons"
    verbose_name = _("Lessons")

    def ready(self):
        from sandbox.signals import sample_data_loaded

        from .sample_data import exercises_load_receiver

        # The sandbox loads the sample data without importing lessons (it stands a floor
        # below): it says when, and the lessons load their exercises.
        sample_data_loaded.connect(exercises_load_receiver, dispatch_uid="lessons.exercises_load")
