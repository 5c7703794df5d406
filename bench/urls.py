"""The product's URLs plus the bench's signed-in empty page (bench/views.py), for the CPU
measures of bench/cpu.py only: `ROOT_URLCONF` is switched to this module in the bench's own
process (`override_settings`), never in a server's settings."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import path

from config.urls import handler400, handler403, handler404, handler500, urlpatterns

from .views import SignedInEmptyPage

urlpatterns = [
    *urlpatterns,
    *i18n_patterns(path("bench/empty-page/", SignedInEmptyPage.as_view(), name="bench-empty-page")),
]

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
