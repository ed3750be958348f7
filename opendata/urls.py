"""``/public/data/``: the open-data files (README, "Open data"). A framework's slug never
holds a dot, so ``<fw>.zip`` and ``<fw>/<country>.zip`` cannot be mistaken."""

from django.urls import path

from . import views

app_name = "opendata"

urlpatterns = [
    path("<slug:framework>.zip", views.framework_zip_file, name="framework_zip"),
    path("<slug:framework>/<slug:country>.zip", views.country_zip_file, name="country_zip"),
    path(
        "<slug:framework>/<slug:country>/<slug:table>.csv",
        views.country_table,
        name="country_table",
    ),
]
