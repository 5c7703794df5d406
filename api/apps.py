from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The JSON API for QA scripts, under /api/v1/: seats, outcomes, its OpenAPI schema."""

    name = "api"
    verbose_name = "API"

    def ready(self):
        # Registers the seat token's OpenAPI security scheme before any schema is made.
        from . import authentication  # noqa: F401
