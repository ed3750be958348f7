"""The Frictionless data package that describes every CSV file of ``/api/v1/files/``: each
resource's fields with their types, English and Vietnamese titles and descriptions, units,
and the code lists of coded fields (states, kinds, work areas, regions). Its paths are
relative to ``datapackage.json``, so a tool that reads it from the portal finds the CSVs
beside it. The licence is the secretariat's to choose (``API_DATA_LICENSE``)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import TextChoices
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from reports.models import Activity, AreaCoverage, QuestionKind, ReportState
from roadmap.models import Framework, Region, WorkArea

from .field_texts import FIELD_TEXTS, IN_VIETNAMESE, UNITS
from .fields import ChoiceLabels
from .resources import RESOURCES, Resource
from .serializers import StoredChoice

PACKAGE_TITLE = _("Alliance 8.7 pathfinder reports")
# Columns whose cells hold a JSON list or object in the CSV.
LISTS = {
    "work_areas",
    "area_codes",
    "unlisted_areas",
    "priority_keys",
    "choices",
    "choices_vi",
    "breakdown",
}
OBJECTS: set[str] = set()

BOOLEANS = {"frozen", "breakdown_partial"}

# The code lists, per resource and column.
CODES: dict[tuple[str, str], type[TextChoices]] = {
    ("frameworks", "kind"): Framework.Kind,
    ("countries", "region"): Region,
    ("indicators", "work_area"): WorkArea,
    ("indicator-values", "work_area"): WorkArea,
    ("reports", "state"): ReportState,
    ("answers", "kind"): QuestionKind,
    ("activities", "kind"): Activity.Kind,
    ("activities", "coverage"): AreaCoverage,
}


def field_type(name: str, field: serializers.Field) -> str:
    """The Table Schema type of a serializer's field (as its CSV cell reads)."""
    if name in LISTS or isinstance(field, ChoiceLabels):
        return "array"
    if name in OBJECTS:
        return "object"
    if name in BOOLEANS or isinstance(field, serializers.BooleanField):
        return "boolean"
    if isinstance(field, StoredChoice):
        return "any"
    for kind, type_name in (
        (serializers.IntegerField, "integer"),
        (serializers.DecimalField, "number"),
        (serializers.DateTimeField, "datetime"),
        (serializers.DateField, "date"),
    ):
        if isinstance(field, kind):
            return type_name
    return "string"


def _in_both(text_of) -> dict[str, str]:
    texts = {}
    for code, suffix in (("en", ""), ("vi", "_vi")):
        with translation.override(code):
            texts[suffix] = str(text_of())
    return texts


def _codes(choices: type[TextChoices]) -> list[dict[str, str]]:
    rows = []
    for value, label in choices.choices:
        row = {"value": value}
        for suffix, text in _in_both(lambda label=label: label).items():
            row[f"label{suffix}"] = text
        rows.append(row)
    return rows


def describe_field(resource: Resource, name: str, field: serializers.Field) -> dict[str, Any]:
    base = name.removesuffix("_vi")
    title, description = FIELD_TEXTS[base]
    descriptor: dict[str, Any] = {"name": name, "type": field_type(name, field)}
    for suffix, text in _in_both(
        lambda: IN_VIETNAMESE % {"title": title} if name != base else title
    ).items():
        descriptor[f"title{suffix}"] = text
    for suffix, text in _in_both(lambda: description).items():
        descriptor[f"description{suffix}"] = text
    if base in UNITS:
        descriptor["unit"] = UNITS[base]
    if choices := CODES.get((resource.name, name)):
        descriptor["constraints"] = {"enum": list(choices.values)}
        descriptor["codes"] = _codes(choices)
    return descriptor


def describe_resource(resource: Resource) -> dict[str, Any]:
    fields = resource.serializer().fields
    descriptor: dict[str, Any] = {
        "name": resource.name,
        "path": f"{resource.name}.csv",
        "format": "csv",
        "mediatype": "text/csv",
        # The files start with a byte-order mark, so that Excel reads them as UTF-8.
        "encoding": "utf-8-sig",
    }
    for suffix, text in _in_both(lambda: resource.title).items():
        descriptor[f"title{suffix}"] = text
    for suffix, text in _in_both(lambda: resource.description).items():
        descriptor[f"description{suffix}"] = text
    descriptor["schema"] = {
        "fields": [describe_field(resource, name, field) for name, field in fields.items()],
        "primaryKey": ["code" if resource.lookup_field == "code" else "id"],
    }
    return descriptor


def datapackage() -> dict[str, Any]:
    licence = settings.API_DATA_LICENSE
    package: dict[str, Any] = {"name": "pathfinder"}
    for suffix, text in _in_both(lambda: PACKAGE_TITLE).items():
        package[f"title{suffix}"] = text
    package["licenses"] = [licence] if licence else []
    package["resources"] = [describe_resource(resource) for resource in RESOURCES]
    return package
