from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SandboxConfig(AppConfig):
    name = "sandbox"
    verbose_name = _("Sandbox")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .classroom import persona_signed_in_noted

        # Which personas each seat's trainee signed in as, for the class's board.
        user_logged_in.connect(persona_signed_in_noted, dispatch_uid="sandbox.persona_signed_in")
