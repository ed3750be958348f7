"""The feed's data model: entity sets, their properties (each an ORM expression named as
the feed names it) and the keys that relate them, from which ``$metadata`` is written and
every page is read. Labels are English (``Core.Description``): they document the feed for
analysts, like the column names; the Vietnamese texts are served as ``*_vi`` properties.

Keys are the rows' primary keys (a participant row: its activity's key and the sex), so a
row keeps its key across refreshes and Power BI's relationships hold."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, CharField, F, Q, Value, When
from django.db.models.fields.json import KeyTextTransform, KeyTransform
from django.db.models.functions import Cast, Coalesce, Concat, NullIf

from reports.selectors import odata_rows
from translations.translatable import other_languages

STRING, INT, DECIMAL = "Edm.String", "Edm.Int64", "Edm.Decimal"
DATE, MOMENT, BOOL = "Edm.Date", "Edm.DateTimeOffset", "Edm.Boolean"


@dataclass(frozen=True)
class Prop:
    name: str
    type: str
    source: Any  # a field path or an expression, annotated under ``name``
    label: str
    nullable: bool = True
    filterable: bool = False
    # A cycle is named by its code, worked out from its dates: read as the cycle's id and
    # turned into its code (and a code in $filter into the cycle's start) by ``rows`` and
    # ``filters``.
    is_cycle: bool = False

    @property
    def expression(self):
        return F(self.source) if isinstance(self.source, str) else self.source


@dataclass(frozen=True)
class Nav:
    """A many-to-one link: ``property`` of this type holds the key of ``target``."""

    name: str
    target: str  # entity set
    property: str


@dataclass(frozen=True)
class Part:
    """One SELECT of a set made of several (participants: one per sex), UNIONed."""

    annotations: dict[str, Any] = field(default_factory=dict)
    condition: Q = field(default_factory=Q)


@dataclass(frozen=True)
class EntitySet:
    name: str
    type_name: str
    label: str
    rows: Callable[..., Any]  # a selector of ``reports.selectors.odata_rows``
    props: tuple[Prop, ...]
    navs: tuple[Nav, ...] = ()
    parts: tuple[Part, ...] = (Part(),)

    @property
    def key(self) -> Prop:
        return self.props[0]

    def prop(self, name: str) -> Prop | None:
        return next((p for p in self.props if p.name == name), None)


def _translated(name: str, field_name: str, label: str, prefix: str = "") -> list:
    """The English text, then one property per other language (the English when a text
    was not translated, as the portal shows it)."""
    props = [Prop(name, STRING, f"{prefix}{field_name}", f"{label} (English)", nullable=False)]
    for code in other_languages():
        text = Coalesce(
            NullIf(
                KeyTextTransform(field_name, KeyTransform(code, f"{prefix}translations")), Value("")
            ),
            F(f"{prefix}{field_name}"),
            output_field=CharField(),
        )
        props.append(Prop(f"{name}_{code}", STRING, text, f"{label} ({code})", nullable=False))
    return props


def _of_report(
    prefix: str = "report__",
    last_change: str | None = None,
    last_change_label: str = "When the report (or anything in it) last changed",
) -> list[Prop]:
    """What a row inherits from its report: the keys to filter and join on."""
    props = [
        Prop(
            "CountryCode",
            STRING,
            f"{prefix}country__code",
            "ISO code of the country",
            nullable=False,
            filterable=True,
        ),
        Prop(
            "CycleCode",
            STRING,
            f"{prefix}cycle_id",
            "Reporting cycle, e.g. 2022-2023",
            nullable=False,
            filterable=True,
            is_cycle=True,
        ),
        Prop(
            "State",
            STRING,
            f"{prefix}state",
            "State of the report: draft, submitted, returned, accepted",
            nullable=False,
            filterable=True,
        ),
        Prop(
            "LastChange",
            MOMENT,
            last_change or f"{prefix}updated_at",
            last_change_label,
            nullable=False,
            filterable=True,
        ),
    ]
    if prefix:
        props.insert(
            0,
            Prop(
                "ReportId", INT, "report_id", "Key of the report", nullable=False, filterable=True
            ),
        )
    return props


def _pk(label: str) -> Prop:
    return Prop("Id", INT, "pk", label, nullable=False, filterable=True)


COUNTRIES = EntitySet(
    "Countries",
    "Country",
    "Countries whose reports you may read",
    odata_rows.odata_countries,
    (
        Prop("Code", STRING, "code", "ISO 3166-1 alpha-2 code", nullable=False, filterable=True),
        *_translated("Name", "name", "Name of the country"),
        Prop("Region", STRING, "region", "ILO region"),
    ),
)

REPORTS = EntitySet(
    "Reports",
    "Report",
    "One country's report for one cycle",
    odata_rows.odata_reports,
    (
        _pk("Key of the report"),
        *_of_report(prefix=""),
        Prop(
            "CycleStartsOn",
            DATE,
            "cycle__starts_on",
            "First day of the period",
            nullable=False,
            filterable=True,
        ),
        Prop(
            "CycleEndsOn",
            DATE,
            "cycle__ends_on",
            "Last day of the period",
            nullable=False,
            filterable=True,
        ),
        Prop("Deadline", DATE, "cycle__deadline", "Deadline for handing in", nullable=False),
        Prop(
            "RoadmapVersion",
            INT,
            "roadmap__version",
            "Version of the roadmap reported on",
            nullable=False,
        ),
        Prop("Revision", INT, "revision", "Grows with every change", nullable=False),
        Prop("SubmittedAt", MOMENT, "submitted_at", "When it was last handed in"),
        Prop("AcceptedAt", MOMENT, "accepted_at", "When a reviewer accepted it"),
    ),
    navs=(Nav("Country", "Countries", "CountryCode"),),
)

# "2.1": theme 2, priority 1, as the report numbers them; no key for a whole-report answer.
_PRIORITY_KEY = Case(
    When(priority__isnull=True, then=Value(None, output_field=CharField())),
    default=Concat(
        Cast("priority__theme__number", CharField()),
        Value("."),
        Cast("priority__number", CharField()),
        output_field=CharField(),
    ),
)

ANSWERS = EntitySet(
    "Answers",
    "Answer",
    "An answer to a question (per priority or next step where asked so)",
    odata_rows.odata_answers,
    (
        _pk("Key of the answer"),
        *_of_report(last_change="updated_at", last_change_label="When the answer last changed"),
        Prop(
            "QuestionCode",
            STRING,
            "question__code",
            "Stable code of the question",
            nullable=False,
            filterable=True,
        ),
        Prop("QuestionKind", STRING, "question__kind", "Kind of question", nullable=False),
        Prop("PriorityKey", STRING, _PRIORITY_KEY, "Roadmap priority, theme.number (e.g. 2.1)"),
        Prop("NextStepId", INT, "next_step_id", "Key of the next step the answer is about"),
        Prop("Text", STRING, "text", "The answer as typed", nullable=False),
        Prop("Choices", STRING, "value", "Chosen values (codes), separated by '; '"),
    ),
    navs=(Nav("Report", "Reports", "ReportId"), Nav("NextStep", "NextSteps", "NextStepId")),
)

NEXT_STEPS = EntitySet(
    "NextSteps",
    "NextStep",
    "A next step a report sets for the following cycle",
    odata_rows.odata_next_steps,
    (
        _pk("Key of the next step"),
        *_of_report(),
        Prop("Order", INT, "order", "Position in the report", nullable=False),
        Prop("Title", STRING, "title", "Title of the next step", nullable=False),
        Prop("Targets", STRING, "targets", "Targets", nullable=False),
        Prop("Evidence", STRING, "evidence", "Evidence that will show it achieved", nullable=False),
        Prop("WorkAreas", STRING, "work_areas", "Work areas (codes), separated by '; '"),
    ),
    navs=(Nav("Report", "Reports", "ReportId"),),
)

ACTIVITIES = EntitySet(
    "Activities",
    "Activity",
    "An activity a report describes",
    odata_rows.odata_activities,
    (
        _pk("Key of the activity"),
        *_of_report(),
        Prop("Title", STRING, "title", "Title", nullable=False),
        Prop("Kind", STRING, "kind", "Kind (code): training, workshop, forum, ...", nullable=False),
        Prop("StartsOn", DATE, "starts_on", "Start date", nullable=False, filterable=True),
        Prop("EndsOn", DATE, "ends_on", "End date"),
        Prop("Coverage", STRING, "coverage", "Where it was held: areas, national or not_given"),
        Prop(
            "UnlistedAreas",
            STRING,
            "unlisted_areas",
            "Places typed that are not in the country's list of areas, separated by '; '",
        ),
        Prop("Organisers", STRING, "organisers", "Organisers", nullable=False),
        Prop("Partners", STRING, "partners", "Partners", nullable=False),
        Prop("ParticipantsWomen", INT, "participants_women", "Women taking part"),
        Prop("ParticipantsMen", INT, "participants_men", "Men taking part"),
        Prop("ParticipantsTotal", INT, "participants_total", "Total taking part"),
        Prop("Description", STRING, "description", "Description", nullable=False),
    ),
    navs=(Nav("Report", "Reports", "ReportId"),),
)


def _participant_part(sex: str, count) -> Part:
    key = Concat(Cast("pk", CharField()), Value(f"-{sex}"), output_field=CharField())
    count = count if not isinstance(count, str) else F(count)
    return Part(
        annotations={"Id": key, "Sex": Value(sex), "Count": count},
        condition=Q(Count__isnull=False) & (Q(Count__gt=0) if sex == "unspecified" else Q()),
    )


# The total less the women and men given: those whose sex was not recorded, so the rows of
# an activity add up to the people it reached (``Activity.people_reached``).
_UNSPECIFIED = (
    F("participants_total") - Coalesce("participants_women", 0) - Coalesce("participants_men", 0)
)

PARTICIPANTS = EntitySet(
    "Participants",
    "Participant",
    "People an activity reached, one row per sex: their Count adds up in a pivot",
    odata_rows.odata_activities,
    (
        Prop("Id", STRING, Value(""), "Key: the activity's key and the sex", nullable=False),
        Prop("ActivityId", INT, "pk", "Key of the activity", nullable=False, filterable=True),
        *_of_report(),
        Prop(
            "Sex",
            STRING,
            Value(""),
            "women, men, or unspecified (total less women and men)",
            nullable=False,
            filterable=True,
        ),
        Prop("Count", INT, Value(0), "Number of people", nullable=False),
    ),
    navs=(Nav("Activity", "Activities", "ActivityId"), Nav("Report", "Reports", "ReportId")),
    parts=(
        _participant_part("women", "participants_women"),
        _participant_part("men", "participants_men"),
        _participant_part("unspecified", _UNSPECIFIED),
    ),
)

INDICATOR_VALUES = EntitySet(
    "IndicatorValues",
    "IndicatorValue",
    "A report's value of one of its country's indicators",
    odata_rows.odata_indicator_values,
    (
        _pk("Key of the indicator value"),
        *_of_report(),
        Prop(
            "IndicatorId",
            INT,
            "indicator_id",
            "Key of the indicator (stable across cycles)",
            nullable=False,
            filterable=True,
        ),
        *_translated("IndicatorName", "name", "Name of the indicator", prefix="indicator__"),
        *_translated("Unit", "unit", "Unit", prefix="indicator__"),
        Prop("Value", DECIMAL, "value", "The value", nullable=False, filterable=True),
        Prop("Source", STRING, "source", "Source of the value", nullable=False),
        Prop("Note", STRING, "note", "Note", nullable=False),
    ),
    navs=(Nav("Report", "Reports", "ReportId"),),
)

ENTITY_SETS: dict[str, EntitySet] = {
    s.name: s
    for s in (COUNTRIES, REPORTS, ANSWERS, NEXT_STEPS, ACTIVITIES, PARTICIPANTS, INDICATOR_VALUES)
}
