from django.urls import path

from . import views

app_name = "lessons"
urlpatterns = [
    path("exercises/", views.exercise_list, name="exercise-list"),
    path("exercises/<int:pk>/", views.exercise_detail, name="exercise"),
    path("exercises/course/start/", views.course_start, name="course-start"),
    path("exercises/course/<int:position>/", views.course_step, name="course-step"),
    path("exercises/course/finish/", views.course_finish, name="course-finish"),
    path(
        "classes/<str:code>/exercises/<int:pk>/release/",
        views.exercise_release,
        name="release",
    ),
]
