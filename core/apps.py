from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Site-wide pieces every center shares (formatting for the page's locale)."""

    name = "core"
    verbose_name = "Core"

    def ready(self):
        from .garbage import collector_set

        collector_set()
