from django.urls import path

from . import views

app_name = "classes"
urlpatterns = [
    path("classes/<str:code>/", views.board, name="board"),
    path("classes/<str:code>/board.csv", views.board_csv, name="board-csv"),
    path("classes/<str:code>/reset/", views.class_reset, name="class-reset"),
    path("classes/<str:code>/end/", views.class_end, name="class-end"),
    path("classes/<str:code>/seats/<int:number>/reset/", views.seat_reset, name="seat-reset"),
    path(
        "classes/<str:code>/seats/<int:number>/clear-lockouts/",
        views.seat_lockouts_clear,
        name="seat-lockouts-clear",
    ),
    # A stand-in until the join page's branch is merged (it replaces this line).
    path("join/<str:code>/", views.join_placeholder, name="join"),
]
