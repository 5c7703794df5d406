from django.urls import path

from . import views

app_name = "admin_center"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("sign-in/", views.AdminCenterSignInView.as_view(), name="sign-in"),
    path("sign-out/", views.AdminCenterSignOutView.as_view(), name="sign-out"),
    path("users/", views.ManageUsersView.as_view(), name="users"),
    path("add-licenses/", views.AddLicensesView.as_view(), name="add-licenses"),
]
