from django.urls import path

from . import board_views, clock_views, join_views, seat_trainee_views, seat_views, views

app_name = "classes"
urlpatterns = [
    path("classes/", views.ClassListView.as_view(), name="list"),
    path("classes/<str:code>/", board_views.BoardView.as_view(), name="board"),
    path("classes/<str:code>/board.csv", board_views.BoardCsvView.as_view(), name="board-csv"),
    path("classes/<str:code>/join-card/", views.JoinCardView.as_view(), name="join-card"),
    path("classes/<str:code>/reset/", board_views.ClassResetView.as_view(), name="class-reset"),
    path("classes/<str:code>/end/", board_views.ClassEndView.as_view(), name="class-end"),
    path("classes/<str:code>/state/", board_views.ClassStateView.as_view(), name="class-state"),
    path("classes/<str:code>/seats/<int:number>/", seat_views.SeatPageView.as_view(), name="seat"),
    path(
        "classes/<str:code>/seats/<int:number>/reset/",
        board_views.SeatResetView.as_view(),
        name="seat-reset",
    ),
    path(
        "classes/<str:code>/seats/<int:number>/clear-lockouts/",
        board_views.SeatLockoutsClearView.as_view(),
        name="seat-lockouts-clear",
    ),
    path(
        "classes/<str:code>/seats/<int:number>/clock/",
        clock_views.SeatClockView.as_view(),
        name="seat-clock",
    ),
    path(
        "classes/<str:code>/seats/<int:number>/free/",
        seat_trainee_views.SeatFreeView.as_view(),
        name="seat-free",
    ),
    path(
        "classes/<str:code>/seats/<int:number>/rename/",
        seat_trainee_views.SeatRenameView.as_view(),
        name="seat-rename",
    ),
    path(
        "classes/<str:code>/seats/<int:number>/rejoin/approve/",
        seat_trainee_views.SeatRejoinAnswerView.as_view(approve=True),
        name="seat-rejoin-approve",
    ),
    path(
        "classes/<str:code>/seats/<int:number>/rejoin/refuse/",
        seat_trainee_views.SeatRejoinAnswerView.as_view(approve=False),
        name="seat-rejoin-refuse",
    ),
    path("join/<str:code>/", join_views.JoinView.as_view(), name="join"),
    path("join/<str:code>/rejoin/", join_views.JoinRejoinView.as_view(), name="join-rejoin"),
    path("join/<str:code>/ask/", join_views.JoinAskView.as_view(), name="join-ask"),
    path("join/<str:code>/waiting/", join_views.JoinWaitingView.as_view(), name="join-waiting"),
    path("my-seat/reset/", views.MySeatResetView.as_view(), name="my-seat-reset"),
    path("my-seat/leave/", views.MySeatLeaveView.as_view(), name="my-seat-leave"),
]
