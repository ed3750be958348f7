"""Each resource as a file at a fixed URL (``/api/v1/files/answers.csv``, ``.xlsx``) and the
data package that describes the CSVs: what Power BI's, Excel's and LibreOffice's "from web"
dialogs open, and refresh. They follow no redirect, so these URLs never answer one: 200
with the file, 401 without credentials, 400 for a bad filter.

The columns are the API's (the same serializers), written by ``reports.spreadsheets``, the
one CSV/XLSX writer of the portal (formulas neutralised, a byte-order mark for Excel). The
rows are read in chunks (``iterator``), so a file of every answer never holds every row
object at once; the list filters of the API apply (``?country=VN&cycle=2022-2023``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpResponse, JsonResponse
from django.views.decorators.http import require_GET
from rest_framework.exceptions import ValidationError

from reports.exports import CONTENT_TYPES
from reports.spreadsheets import csv_bytes, xlsx_bytes
from tokens.decorators import token_or_session

from .datapackage import datapackage, field_type
from .resources import BY_NAME, Resource

CHUNK = 2000


def _cell(value: Any, kind: str, *, typed: bool) -> Any:
    """A serialized value as a cell: lists and objects as JSON text; in XLSX, a decimal
    as a number (a CSV keeps the text, which loses nothing)."""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    if typed and kind == "number" and value is not None:
        return Decimal(value)
    return value


def _rows(resource: Resource, queryset, serializer, *, typed: bool) -> Iterator[list[Any]]:
    kinds = [field_type(name, field) for name, field in serializer.fields.items()]
    for obj in queryset.iterator(chunk_size=CHUNK):
        data = serializer.to_representation(obj)
        yield [
            _cell(value, kind, typed=typed)
            for value, kind in zip(data.values(), kinds, strict=True)
        ]


@token_or_session
@require_GET
def resource_file(request, name: str, extension: str) -> HttpResponse:
    resource = BY_NAME.get(name)
    if resource is None or extension not in ("csv", "xlsx"):
        raise Http404
    filterset = resource.filters(
        request.GET, queryset=resource.rows(user=request.user), request=request
    )
    if not filterset.is_valid():
        return JsonResponse(filterset.errors, status=400)
    try:
        serializer = resource.serializer(context={"request": request})
    except ValidationError as error:
        return JsonResponse(error.detail, status=400)
    header = list(serializer.fields)
    rows = _rows(resource, filterset.qs, serializer, typed=extension == "xlsx")
    if extension == "csv":
        body = csv_bytes(header, rows)
    else:
        body = xlsx_bytes([(str(resource.title), header, rows)])
    response = HttpResponse(body, content_type=CONTENT_TYPES[extension])
    response["Content-Disposition"] = f'inline; filename="{name}.{extension}"'
    return response


@token_or_session
@require_GET
def datapackage_file(request) -> HttpResponse:
    return JsonResponse(datapackage(), json_dumps_params={"ensure_ascii": False, "indent": 2})
