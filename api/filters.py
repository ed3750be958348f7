"""The filters of every list (django-filter): by country, cycle, framework, state, priority
and last change. A value that is not one (a cycle code that is no code, a state that does
not exist, a date that is no date) answers 400 naming the parameter and why."""

from __future__ import annotations

import datetime as dt

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from reports.models import (
    Activity,
    Answer,
    IndicatorValue,
    NextStep,
    Report,
    ReportingCycle,
    ReportState,
)
from reports.selectors.api_rows import cycle_code_filter, priority_key_filter
from roadmap.models import (
    Area,
    Country,
    Framework,
    Indicator,
    IndicatorBaseline,
    IndicatorTarget,
    Priority,
    Roadmap,
    Theme,
)

# What the schema documents (the selectors' parsers accept exactly these).
CYCLE_CODE_PATTERN = r"^[0-9]{4}-([0-9]{4}|0[1-9]|1[0-2])$"
PRIORITY_KEY_PATTERN = r"^[0-9]{1,4}\.[0-9]{1,4}$"


class CycleCodeField(forms.CharField):
    def clean(self, value):
        value = super().clean(value)
        if value and cycle_code_filter(value) is None:
            raise forms.ValidationError(
                _("Not a cycle code: %(value)s (expected e.g. 2022-2023)."),
                params={"value": value},
            )
        return value


class PriorityKeyField(forms.CharField):
    def clean(self, value):
        value = super().clean(value)
        if value and priority_key_filter(value) is None:
            raise forms.ValidationError(
                _("Not a priority key: %(value)s (expected theme and number, e.g. 2.3)."),
                params={"value": value},
            )
        return value


@extend_schema_field({"type": "string", "pattern": CYCLE_CODE_PATTERN})
class CycleFilter(django_filters.CharFilter):
    """A cycle by its code, through ``field_name`` (the path to the cycle, "" for a cycle)."""

    field_class = CycleCodeField

    def filter(self, qs, value):
        if not value:
            return qs
        prefix = f"{self.field_name}__" if self.field_name else ""
        return qs.filter(cycle_code_filter(value, prefix=prefix))


@extend_schema_field({"type": "string", "pattern": PRIORITY_KEY_PATTERN})
class PriorityFilter(django_filters.CharFilter):
    """A priority by its key ("2.3"), through ``field_name`` (the path to the priority)."""

    field_class = PriorityKeyField

    def filter(self, qs, value):
        if not value:
            return qs
        matching = Priority.objects.filter(priority_key_filter(value)).values("pk")
        # Through a many-to-many (an activity's priorities) a row is kept once.
        return qs.filter(
            pk__in=qs.model.objects.filter(**{f"{self.field_name}__in": matching}).values("pk")
        )


# The largest id a database column holds (a bigger number would fail in the database).
MAX_ID = 2**63 - 1


class IdFilter(django_filters.NumberFilter):
    """A row by its id: a whole number the database can hold, else 400."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class MomentField(django_filters.fields.IsoDateTimeField):
    """An ISO 8601 moment, held in UTC: PostgreSQL refuses offsets beyond ±15:59 that ISO
    8601 allows ("-21:25"), and a moment that leaves the calendar in UTC is no moment."""

    def to_python(self, value):
        moment = super().to_python(value)
        if moment is None or moment.tzinfo is None:
            return moment
        try:
            return moment.astimezone(dt.UTC)
        except OverflowError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


class MomentFilter(django_filters.IsoDateTimeFilter):
    field_class = MomentField


UPDATED_HELP = _("Rows changed at or after this moment (ISO 8601, e.g. 2023-06-30T00:00:00Z).")


def updated_since() -> MomentFilter:
    return MomentFilter(field_name="updated_at", lookup_expr="gte", help_text=UPDATED_HELP)


def country(path: str) -> django_filters.CharFilter:
    return django_filters.CharFilter(
        field_name=f"{path}code",
        lookup_expr="iexact",
        help_text=_("A country's ISO code, e.g. VN."),
    )


def framework(path: str) -> django_filters.CharFilter:
    return django_filters.CharFilter(
        field_name=f"{path}slug", help_text=_("A framework's code, e.g. alliance87.")
    )


def cycle(path: str) -> CycleFilter:
    return CycleFilter(field_name=path, help_text=_("A cycle's code, e.g. 2022-2023."))


def state(path: str) -> django_filters.ChoiceFilter:
    return django_filters.ChoiceFilter(
        field_name=f"{path}state",
        choices=ReportState.choices,
        help_text=_("The report's state."),
    )


class FrameworkFilters(django_filters.FilterSet):
    updated_since = updated_since()

    class Meta:
        model = Framework
        fields: list[str] = []


class CountryFilters(django_filters.FilterSet):
    updated_since = updated_since()
    framework = django_filters.CharFilter(
        field_name="roadmaps__framework__slug",
        distinct=True,
        help_text=_("Countries with a roadmap under this framework (its code)."),
    )

    class Meta:
        model = Country
        fields: list[str] = []


class CycleFilters(django_filters.FilterSet):
    updated_since = updated_since()
    framework = framework("framework__")
    cycle = cycle("")

    class Meta:
        model = ReportingCycle
        fields: list[str] = []


class RoadmapFilters(django_filters.FilterSet):
    updated_since = updated_since()
    country = country("country__")
    framework = framework("framework__")

    class Meta:
        model = Roadmap
        fields: list[str] = []


class RoadmapPartFilters(django_filters.FilterSet):
    updated_since = updated_since()
    country = country("roadmap__country__")
    framework = framework("roadmap__framework__")
    roadmap = IdFilter(field_name="roadmap_id")


class ThemeFilters(RoadmapPartFilters):
    class Meta:
        model = Theme
        fields: list[str] = []


class PriorityFilters(RoadmapPartFilters):
    priority = PriorityFilter(field_name="pk", help_text=_("A priority's key, e.g. 2.3."))

    class Meta:
        model = Priority
        fields: list[str] = []


class IndicatorFilters(django_filters.FilterSet):
    updated_since = updated_since()
    country = country("country__")

    class Meta:
        model = Indicator
        fields: list[str] = []


class AreaFilters(django_filters.FilterSet):
    updated_since = updated_since()
    country = country("country__")

    class Meta:
        model = Area
        fields: list[str] = []


class BaselineFilters(django_filters.FilterSet):
    updated_since = updated_since()
    country = country("indicator__country__")
    framework = framework("roadmap__framework__")
    indicator = django_filters.NumberFilter(
        field_name="indicator_id", help_text=_("An indicator's identifier.")
    )

    class Meta:
        model = IndicatorBaseline
        fields: list[str] = []


class TargetFilters(BaselineFilters):
    class Meta:
        model = IndicatorTarget
        fields: list[str] = []


class ReportFilters(django_filters.FilterSet):
    updated_since = updated_since()
    country = country("country__")
    framework = framework("cycle__framework__")
    cycle = cycle("cycle")
    state = state("")

    class Meta:
        model = Report
        fields: list[str] = []


class InReportFilters(django_filters.FilterSet):
    """Rows written in a report: by the report, its country, framework, cycle and state."""

    updated_since = updated_since()
    report = IdFilter(field_name="report_id")
    country = country("report__country__")
    framework = framework("report__cycle__framework__")
    cycle = cycle("report__cycle")
    state = state("report__")


class AnswerFilters(InReportFilters):
    priority = PriorityFilter(field_name="priority", help_text=_("A priority's key, e.g. 2.3."))
    question = django_filters.CharFilter(
        field_name="question__code", help_text=_("A question's code, e.g. q22.")
    )

    class Meta:
        model = Answer
        fields: list[str] = []


class NextStepFilters(InReportFilters):
    class Meta:
        model = NextStep
        fields: list[str] = []


class ActivityFilters(InReportFilters):
    priority = PriorityFilter(
        field_name="priorities", help_text=_("A priority's key the activity serves, e.g. 2.3.")
    )
    kind = django_filters.ChoiceFilter(choices=Activity.Kind.choices)

    class Meta:
        model = Activity
        fields: list[str] = []


class IndicatorValueFilters(InReportFilters):
    indicator = IdFilter(field_name="indicator_id")

    class Meta:
        model = IndicatorValue
        fields: list[str] = []
