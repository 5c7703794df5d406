from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template import engines
from django.urls import path

from sandbox.views import trainer_only
from seats.models import Classroom

from . import views

app_name = "classes"


# PLACEHOLDER until the live board (classes/board.py) lands: the merge replaces this view and
# its path with the board's.
@trainer_only
def _board_placeholder(request, code):
    classroom = get_object_or_404(Classroom, code=code)
    template = engines["django"].from_string(
        '{% extends "base.html" %}{% block content %}<h1>{{ classroom.name }}</h1>'
        "<p><a href=\"{% url 'classes:join-card' classroom.code %}\">{{ classroom.code }}</a>"
        "</p>{% endblock %}"
    )
    return HttpResponse(template.render({"classroom": classroom}, request))


urlpatterns = [
    path("classes/", views.class_list, name="list"),
    path("classes/<str:code>/", _board_placeholder, name="board"),
    path("classes/<str:code>/join-card/", views.join_card, name="join-card"),
    path("join/<str:code>/", views.join, name="join"),
    path("my-seat/reset/", views.my_seat_reset, name="my-seat-reset"),
    path("my-seat/leave/", views.my_seat_leave, name="my-seat-leave"),
]
