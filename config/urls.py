from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path

from api.views import NoSuchEndpoint
from core.views import SetLanguageView

# Under /api/ an error no API view answered (a middleware's exception, a refused Host) is
# the API's JSON error; elsewhere the HTML pages.
handler400 = "api.errors.bad_request"
handler403 = "api.errors.permission_denied"
handler404 = "api.errors.page_not_found"
handler500 = "api.errors.server_error"

urlpatterns = [
    path("i18n/setlang/", SetLanguageView.as_view(), name="set_language"),
    # The JSON API for scripts, outside the language prefix (docs/api.md).
    path("api/v1/", include("api.urls")),
    # Any other address under /api/ is a JSON 404, never the site's HTML page.
    re_path(r"^api/", NoSuchEndpoint.as_view()),
    # What an LMS calls (LTI 1.3), outside the language prefix (docs/lti.md).
    path("lti/", include("lms.tool_urls")),
]

urlpatterns += i18n_patterns(
    path("", include("sandbox.urls")),
    path("", include("seats.urls")),
    path("", include("classes.urls")),
    path("", include("api.page_urls")),
    path("", include("faults.urls")),
    path("", include("lessons.urls")),
    path("", include("lms.urls")),
    path("", include("course.urls")),
    path("billing/", include("billing_center.urls")),
    path("admin-center/", include("admin_center.urls")),
    path("corp-billing/", include("corp_portal.urls")),
    path("django-admin/", admin.site.urls),
)
