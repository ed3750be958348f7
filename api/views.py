"""The read-only viewsets of /api/v1/ (one per resource of ``api.resources``), the board's
rows, and the schema and docs pages.

Every request is read-only: any other method answers 405 before anything else is looked at
(not 403 for a missing CSRF token, not 401). Without credentials: 401, never a redirect to
the sign-in page (``login_not_required`` keeps the portal's LoginRequiredMiddleware out).
"""

from __future__ import annotations

import re

from django.contrib.auth.decorators import login_not_required
from django.utils import timezone
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import serializers, viewsets
from rest_framework.exceptions import MethodNotAllowed, ValidationError
from rest_framework.permissions import SAFE_METHODS, AllowAny, IsAuthenticated
from rest_framework.response import Response

from monitoring.selectors.board import board_cycles, board_framework, board_rows, current_cycle
from reports.selectors.api_rows import cycle_code_filter

from .resources import RESOURCES, Resource
from .serializers import BoardRowSerializer


class Problem(serializers.Serializer):
    """An error: ``detail`` says why (400 gives the wrong parameters instead)."""

    detail = serializers.CharField()


SLUG = re.compile(r"[-a-zA-Z0-9_]+")
FIELDS = OpenApiParameter(
    "fields",
    OpenApiTypes.STR,
    description="Comma-separated names of the fields to return, e.g. fields=code,name.",
)
ERRORS = {400: OpenApiTypes.OBJECT, 401: Problem, 405: Problem}


class ReadOnly:
    """What every API view shares: read-only, signed in, no redirect."""

    permission_classes = (IsAuthenticated,)

    def initial(self, request, *args, **kwargs):
        if request.method not in SAFE_METHODS:
            raise MethodNotAllowed(request.method)
        super().initial(request, *args, **kwargs)

    @classmethod
    def as_view(cls, *args, **kwargs):
        return login_not_required(super().as_view(*args, **kwargs))


class ResourceViewSet(ReadOnly, viewsets.ReadOnlyModelViewSet):
    resource: Resource
    filter_backends = (DjangoFilterBackend,)

    def get_queryset(self):
        return self.resource.rows(user=self.request.user)


def _viewset(resource: Resource) -> type[ResourceViewSet]:
    name = "".join(part.title() for part in resource.name.split("-"))
    lookup_type = OpenApiTypes.STR if resource.lookup_field == "code" else OpenApiTypes.INT
    lookup = OpenApiParameter(resource.lookup_field, lookup_type, OpenApiParameter.PATH)
    attrs = {
        "__doc__": str(resource.description),
        "__module__": __name__,
        "resource": resource,
        "serializer_class": resource.serializer,
        "filterset_class": resource.filters,
        "lookup_field": resource.lookup_source,
        "lookup_url_kwarg": resource.lookup_field,
        # Any path segment reaches the view, so a key that is no key answers the API's JSON
        # 404 rather than the portal's HTML page (the router's default stops at a dot).
        "lookup_value_regex": "[^/]+",
    }
    viewset = type(f"{name}ViewSet", (ResourceViewSet,), attrs)
    return extend_schema_view(
        list=extend_schema(
            parameters=[FIELDS], responses={200: resource.serializer(many=True), **ERRORS}
        ),
        retrieve=extend_schema(
            parameters=[FIELDS, lookup],
            responses={200: resource.serializer, 404: Problem, **ERRORS},
        ),
    )(viewset)


VIEWSETS = {resource.name: _viewset(resource) for resource in RESOURCES}


class BoardViewSet(ReadOnly, viewsets.ViewSet):
    """The monitoring board of a framework's cycle: one row per country the person covers
    (reviewers their countries, the secretariat and admins every country), as the board
    page shows it. Country staff have no board (404)."""

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "framework", OpenApiTypes.STR, required=True, description="e.g. alliance87"
            ),
            OpenApiParameter(
                "cycle", OpenApiTypes.STR, description="e.g. 2022-2023; the current one if none"
            ),
            FIELDS,
        ],
        responses={200: BoardRowSerializer(many=True), 404: Problem, **ERRORS},
    )
    def list(self, request):
        slug = request.query_params.get("framework", "")
        if not SLUG.fullmatch(slug):
            raise ValidationError({"framework": _("Name the framework, e.g. alliance87.")})
        framework = board_framework(user=request.user, slug=slug)
        cycles = board_cycles(framework=framework)
        code = request.query_params.get("cycle", "")
        if code:
            if cycle_code_filter(code) is None:
                raise ValidationError({"cycle": _("Not a cycle code (expected e.g. 2022-2023).")})
            cycle = next((c for c in cycles if c.code == code), None)
            if cycle is None:
                raise ValidationError({"cycle": _("This framework has no such cycle.")})
        else:
            cycle = current_cycle(cycles=cycles, today=timezone.localdate())
        if cycle is None:
            return Response([])
        rows = board_rows(user=request.user, framework=framework, cycle=cycle)
        return Response(BoardRowSerializer(rows, many=True, context={"request": request}).data)


class SchemaView(ReadOnly, SpectacularAPIView):
    """The OpenAPI 3 schema: public (it describes, it holds no data)."""

    permission_classes = (AllowAny,)


class DocsView(ReadOnly, SpectacularSwaggerSplitView):
    """Swagger UI from drf-spectacular-sidecar (no CDN); its start-up script is a separate
    file (``?script``), so the portal's CSP (no inline script) stays as it is."""

    permission_classes = (AllowAny,)
    url_name = "api:schema"
