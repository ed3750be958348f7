"""The root URLconf: app URLconfs by dotted path; it imports no view of an app."""

from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from pathfinder.views import favicon

urlpatterns = [
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("reports.urls.site")),
    path("favicon.ico", favicon, name="favicon"),
    # The language switcher must work on the sign-in page too.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("reports/", include("reports.urls")),
    path("monitoring/", include("monitoring.urls")),
    path("search/", include("search.urls")),
    path("connect/", include("tokens.urls")),
    path("odata/v4/", include("odata.urls")),
    path("api/v1/", include("api.urls")),
    # Open data of the published reports (CSV, zips, data package): public, no sign-in.
    # Before the public pages, whose first path segment is a language.
    path("public/data/", include("opendata.urls")),
    # Published reports for everyone, no sign-in (README, "Public pages").
    path("public/", include("public.urls")),
    path("admin/", admin.site.urls),
]

# Error pages in the portal's layout (pathfinder/errors.py).
handler400 = "pathfinder.errors.bad_request"
handler403 = "pathfinder.errors.permission_denied"
handler404 = "pathfinder.errors.page_not_found"
handler500 = "pathfinder.errors.server_error"
