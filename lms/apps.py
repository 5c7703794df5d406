from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LmsConfig(AppConfig):
    """The sandbox as an LTI 1.3 tool: an LMS launches a learner into their own seat of a
    class and gets their scores back (docs/lti.md)."""

    name = "lms"
    verbose_name = _("Launched from the LMS")

    def ready(self):
        from django.db.models.signals import post_save

        from .grades import answer_saved

        post_save.connect(
            answer_saved, sender="lessons.ExerciseAnswer", dispatch_uid="lms-answer-saved"
        )
