"""The feed's three kinds of answer: the service document, ``$metadata`` and a page of an
entity set. Read-only (GET); every refusal is an OData error, never an HTML page."""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlencode

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from reports.selectors import odata_rows
from roadmap.models import Framework

from . import rows
from .auth import feed_user
from .entities import ENTITY_SETS, EntitySet
from .errors import ODataError, error_response, json_response
from .metadata import metadata_xml
from .options import read_options


def _framework(view):
    """The framework named in the URL (404 in OData's format if there is none); any other
    refusal the view raises answers in that format too."""

    @wraps(view)
    def with_framework(request, framework: str, **kwargs):
        try:
            found = Framework.objects.filter(slug=framework).first()
            if found is None:
                raise ODataError(
                    _("There is no reporting framework %(code)s.") % {"code": framework},
                    code="not_found",
                    status=404,
                )
            return view(request, found, **kwargs)
        except ODataError as error:
            return error_response(error)

    return with_framework


def _root(request, framework: Framework) -> str:
    return request.build_absolute_uri(f"/odata/v4/{framework.slug}/")


@require_GET
@feed_user
@_framework
def service_document(request, framework: Framework) -> HttpResponse:
    return json_response(
        {
            "@odata.context": _root(request, framework) + "$metadata",
            "value": [{"name": name, "kind": "EntitySet", "url": name} for name in ENTITY_SETS],
        }
    )


@require_GET
@feed_user
@_framework
def metadata(request, framework: Framework) -> HttpResponse:
    response = HttpResponse(metadata_xml(), content_type="application/xml; charset=utf-8")
    response["OData-Version"] = "4.0"
    return response


def _entity_set(name: str) -> EntitySet:
    found = ENTITY_SETS.get(name)
    if found is None:
        raise ODataError(
            _("This feed has no entity set %(name)s.") % {"name": name},
            code="not_found",
            status=404,
        )
    return found


@require_GET
@feed_user
@_framework
def entity_set(request, framework: Framework, name: str) -> HttpResponse:
    found = _entity_set(name)
    options = read_options(request.GET, found)
    cycles = odata_rows.odata_cycles(framework=framework)
    page = rows.read_page(
        entity_set=found,
        base=found.rows(user=request.user, framework=framework),
        options=options,
        cycles={c.code: c for c in cycles},
    )
    root = _root(request, framework)
    data: dict = {"@odata.context": f"{root}$metadata#{name}"}
    if page.count is not None:
        data["@odata.count"] = page.count
    data["value"] = rows.as_json(page, found, options, cycles)
    if page.next_skip is not None:
        params = request.GET.copy()
        params["$skip"] = str(page.next_skip)
        if page.next_top is not None:
            params["$top"] = str(page.next_top)
        data["@odata.nextLink"] = f"{root}{name}?{urlencode(sorted(params.lists()), doseq=True)}"
    return json_response(data)


@require_GET
@feed_user
@_framework
def count(request, framework: Framework, name: str) -> HttpResponse:
    """``<set>/$count``: the number of rows (after ``$filter``) as plain text."""
    found = _entity_set(name)
    options = read_options(request.GET, found)
    cycles = odata_rows.odata_cycles(framework=framework)
    total = rows.count_rows(
        entity_set=found,
        base=found.rows(user=request.user, framework=framework),
        options=options,
        cycles={c.code: c for c in cycles},
    )
    response = HttpResponse(str(total), content_type="text/plain; charset=utf-8")
    response["OData-Version"] = "4.0"
    return response
