"""/api/v1/: the resources (``api.resources``), the board's rows, the schema, its docs, and
the files at fixed URLs."""

from django.urls import include, path
from rest_framework import routers

from . import files, views

app_name = "api"


class Root(views.ReadOnly, routers.APIRootView):
    """The resources of the API, each a link. Files at fixed URLs: /api/v1/files/<resource>.csv
    (or .xlsx) and /api/v1/files/datapackage.json; the schema at /api/v1/schema/, its docs at
    /api/v1/docs/."""


class Router(routers.DefaultRouter):
    APIRootView = Root
    include_format_suffixes = False


router = Router()
for name, viewset in views.VIEWSETS.items():
    router.register(name, viewset, basename=name)
router.register("board", views.BoardViewSet, basename="board")

urlpatterns = [
    path("schema/", views.SchemaView.as_view(), name="schema"),
    path("docs/", views.DocsView.as_view(), name="docs"),
    path("files/datapackage.json", files.datapackage_file, name="datapackage"),
    path("files/<slug:name>.<slug:extension>", files.resource_file, name="file"),
    path("", include(router.urls)),
]
