"""/api/v1/: outside the language prefix (scripts choose the pages' language per seat, and
messages follow Accept-Language)."""

from django.urls import path, register_converter
from drf_spectacular.views import SpectacularJSONAPIView

from . import clock_views, faults_views, read_views, states_views, views


class SeatIdConverter:
    """A seat id: digits, few enough for any database's integer (longer is a JSON 404)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(SeatIdConverter, "seat_id")

app_name = "api"
urlpatterns = [
    path("seats/", views.SeatsView.as_view(), name="seats"),
    path("seats/<seat_id:seat_id>/", views.SeatView.as_view(), name="seat"),
    path("seats/<seat_id:seat_id>/reset/", views.SeatResetView.as_view(), name="seat-reset"),
    path("seats/<seat_id:seat_id>/state/", states_views.SeatStateView.as_view(), name="seat-state"),
    path("states/", states_views.StatesView.as_view(), name="states"),
    path("seats/<seat_id:seat_id>/clock/", clock_views.SeatClockView.as_view(), name="seat-clock"),
    path("outcomes/", views.OutcomesView.as_view(), name="outcomes"),
    path("outcome-table/", read_views.OutcomeTableView.as_view(), name="outcome-table"),
    path("personas/", read_views.PersonasView.as_view(), name="personas"),
    path(
        "seats/<seat_id:seat_id>/personas/<str:key>/outcome/",
        read_views.PersonaOutcomeView.as_view(),
        name="persona-outcome",
    ),
    path("seats/<seat_id:seat_id>/mailbox/", read_views.MailboxView.as_view(), name="mailbox"),
    path("seats/<seat_id:seat_id>/activity/", read_views.ActivityView.as_view(), name="activity"),
    path("faults/", faults_views.FaultsView.as_view(), name="faults"),
    path(
        "seats/<seat_id:seat_id>/faults/",
        faults_views.SeatFaultsView.as_view(),
        name="seat-faults",
    ),
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="schema"),
    path("docs/", views.DocsView.as_view(), name="docs"),
]
