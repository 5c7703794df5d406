from django.urls import path

from . import views

app_name = "faults"
urlpatterns = [
    path("faults/", views.AnswerKeyView.as_view(), name="answer-key"),
    path(
        "classes/<str:code>/seats/<int:number>/faults/",
        views.SeatSwitchesView.as_view(),
        name="seat",
    ),
]
