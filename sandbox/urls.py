from django.urls import path

from . import clock_views, state_views, trainer_views, views

app_name = "sandbox"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("guide/", views.GuideView.as_view(), name="guide"),
    path("qa/", views.QaView.as_view(), name="qa"),
    path("qa.json", views.QaJsonView.as_view(), name="qa-json"),
    path("reset/", views.ResetView.as_view(), name="reset"),
    path("reset/default-seat/", views.ResetDefaultSeatView.as_view(), name="reset-default-seat"),
    path("sign-in-as/<slug:key>/", views.PersonaSignInView.as_view(), name="persona-sign-in"),
    path("lockouts/", views.LockoutsView.as_view(), name="lockouts"),
    path("trainers/", trainer_views.TrainerListView.as_view(), name="trainers"),
    path(
        "trainers/<int:pk>/deactivate/",
        trainer_views.TrainerDeactivateView.as_view(),
        name="trainer-deactivate",
    ),
    path(
        "trainers/password/<uidb64>/<token>/",
        trainer_views.TrainerPasswordView.as_view(),
        name="trainer-password",
    ),
    path("states/", state_views.StatesView.as_view(), name="states"),
    path("states/apply/", state_views.StateApplyView.as_view(), name="state-apply"),
    path("my-seat/state/", state_views.MySeatStateView.as_view(), name="my-seat-state"),
    path("trainer-notes/", views.TrainerNotesToggleView.as_view(), name="trainer-notes-toggle"),
    path("mailbox/", views.MailboxView.as_view(), name="mailbox"),
    path("health/", views.HealthView.as_view(), name="health"),
    path("clock/", clock_views.ClockView.as_view(), name="clock"),
    path("mailbox/<int:pk>/", views.MailboxMessageView.as_view(), name="mailbox-message"),
]
