from django.urls import path

from . import views

app_name = "course"

urlpatterns = [
    path("course-material/", views.course_material, name="course-material"),
    path(
        "course-material/files/<path:name>",
        views.course_material_file,
        name="course-material-file",
    ),
]
