from django.urls import path

from . import clock_views, state_views, views

app_name = "sandbox"

urlpatterns = [
    path("", views.home, name="home"),
    path("guide/", views.guide, name="guide"),
    path("qa/", views.qa, name="qa"),
    path("qa.json", views.qa_json, name="qa-json"),
    path("reset/", views.reset, name="reset"),
    path("reset/default-seat/", views.reset_default_seat, name="reset-default-seat"),
    path("sign-in-as/<slug:key>/", views.persona_sign_in, name="persona-sign-in"),
    path("lockouts/", views.lockouts, name="lockouts"),
    path("states/", state_views.states_page, name="states"),
    path("states/apply/", state_views.state_apply, name="state-apply"),
    path("my-seat/state/", state_views.my_seat_state, name="my-seat-state"),
    path("trainer-notes/", views.trainer_notes_toggle, name="trainer-notes-toggle"),
    path("mailbox/", views.MailboxView.as_view(), name="mailbox"),
    path("health/", views.health, name="health"),
    path("clock/", clock_views.clock, name="clock"),
    path("mailbox/<int:pk>/", views.MailboxMessageView.as_view(), name="mailbox-message"),
]
