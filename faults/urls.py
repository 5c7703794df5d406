from django.urls import path

from . import views

app_name = "faults"
urlpatterns = [
    path("faults/", views.answer_key, name="answer-key"),
    path(
        "classes/<str:code>/seats/<int:number>/faults/",
        views.seat_switches,
        name="seat",
    ),
]
