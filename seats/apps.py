from django.apps import AppConfig


class SeatsConfig(AppConfig):
    """Seats: which private copy of the sample world a request works in."""

    name = "seats"
    verbose_name = "Seats"
