"""The rows of every resource, flat: the same columns serve the JSON of ``/api/v1/``, the
CSV and XLSX files and the data package's field list.

Codes are stable (a country's ISO code, a framework's short name, a cycle's code "2022-2023",
a question's code, a priority's key "2.3"); a data text comes in English and beside it in
every other language (``name``, ``name_vi``), as the exports give it. What a country typed
comes once, as typed.

One module per kind of resource; every name is re-exported here because ``api.resources``,
``api.views`` and ``api.datapackage`` import them from ``api.serializers``.
"""

from __future__ import annotations

from .activities import ActivitySerializer
from .base import CONTRIBUTED_BY, OfReport, Row, priority_key
from .board import BoardRowSerializer
from .figures import (
    BaselineSerializer,
    FigureSerializer,
    IndicatorValueSerializer,
    TargetSerializer,
)
from .reports import AnswerSerializer, NextStepSerializer, ReportSerializer, StoredChoice
from .structure import (
    AreaSerializer,
    CountrySerializer,
    CycleSerializer,
    FrameworkSerializer,
    IndicatorSerializer,
    OfRoadmap,
    PrioritySerializer,
    RoadmapSerializer,
    ThemeSerializer,
)

__all__ = [
    "CONTRIBUTED_BY",
    "ActivitySerializer",
    "AnswerSerializer",
    "AreaSerializer",
    "BaselineSerializer",
    "BoardRowSerializer",
    "CountrySerializer",
    "CycleSerializer",
    "FigureSerializer",
    "FrameworkSerializer",
    "IndicatorSerializer",
    "IndicatorValueSerializer",
    "NextStepSerializer",
    "OfReport",
    "OfRoadmap",
    "PrioritySerializer",
    "ReportSerializer",
    "RoadmapSerializer",
    "Row",
    "StoredChoice",
    "TargetSerializer",
    "ThemeSerializer",
    "priority_key",
]
