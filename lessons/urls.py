from django.urls import path

from . import views

app_name = "lessons"
urlpatterns = [
    path("exercises/", views.ExerciseListView.as_view(), name="exercise-list"),
    path("exercises/<int:pk>/", views.ExerciseView.as_view(), name="exercise"),
    path("exercises/course/start/", views.CourseStartView.as_view(), name="course-start"),
    path("exercises/course/<int:position>/", views.CourseStepView.as_view(), name="course-step"),
    path("exercises/course/finish/", views.CourseFinishView.as_view(), name="course-finish"),
    path(
        "classes/<str:code>/exercises/<int:pk>/release/",
        views.ExerciseReleaseView.as_view(),
        name="release",
    ),
]
