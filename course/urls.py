from django.urls import path

from . import views

app_name = "course"

urlpatterns = [
    path("course-material/", views.CourseMaterialView.as_view(), name="course-material"),
    path(
        "course-material/files/<path:name>",
        views.CourseMaterialFileView.as_view(),
        name="course-material-file",
    ),
]
