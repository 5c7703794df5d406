"""A URL conf where the Billing Center's Subscriptions lives elsewhere
(tests/core/test_navigation.py)."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.generic import TemplateView

billing_center = (
    [path("subscriptions/", TemplateView.as_view(), name="subscriptions")],
    "billing_center",
)
urlpatterns = i18n_patterns(path("elsewhere/", include(billing_center)))
