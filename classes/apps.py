from django.apps import AppConfig


class ClassesConfig(AppConfig):
    """The trainer's classes: create one, let trainees join its seats, watch its live board."""

    name = "classes"
    verbose_name = "Classes"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .services import persona_signed_in_noted

        # Which personas each seat's trainee signed in as, for the class's board.
        user_logged_in.connect(persona_signed_in_noted, dispatch_uid="classes.persona_signed_in")
