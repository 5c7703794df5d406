from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
]

urlpatterns += i18n_patterns(
    path("", include("sandbox.urls")),
    path("billing/", include("billing_center.urls")),
    path("admin-center/", include("admin_center.urls")),
    path("corp-billing/", include("corp_portal.urls")),
    path("django-admin/", admin.site.urls),
)
