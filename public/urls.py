"""The public pages (README, "Public pages"): no sign-in, GET only, the language in the
path (``/public/vi/...``), a country by its ISO code in lower case, a cycle by its code."""

from django.urls import path, register_converter

from . import views
from .converters import CountryCodeConverter, LanguageConverter

register_converter(LanguageConverter, "lang")
register_converter(CountryCodeConverter, "country")

app_name = "public"

REPORT = "<lang:lang>/<slug:framework_slug>/<country:country_code>/<slug:cycle_code>/"

urlpatterns = [
    path("", views.home, name="home"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("<lang:lang>/", views.frameworks, name="frameworks"),
    path("<lang:lang>/<slug:framework_slug>/", views.framework_index, name="index"),
    path(
        "<lang:lang>/<slug:framework_slug>/<country:country_code>/", views.country, name="country"
    ),
    path(REPORT, views.report, name="report"),
    path(REPORT + "report.pdf", views.report_pdf, name="report_pdf"),
    path(REPORT + "evidence/<int:evidence_id>/", views.evidence, name="evidence"),
]
