"""A report's activities (list with totals, add, edit, delete) and its indicator values.

Anyone who may read the report sees these pages; only ``permissions.can_edit_report``
may change anything (a crafted POST otherwise gets 403, or 404 for another country's
report, from ``selectors.report_for``).
"""

from __future__ import annotations

import unicodedata
import uuid
from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from roadmap.models import Indicator, Priority

from .. import permissions, selectors
from ..forms.activities import ActivityForm, IndicatorValuesFormSet, format_breakdown
from ..layout import previous_cycle
from ..models import Activity, IndicatorValue, Report
from ..services.activities import (
    StaleRevision,
    activity_create,
    activity_delete,
    activity_update,
    indicator_values_save,
)

# --- Reading ----------------------------------------------------------------------------


def report_activities(report: Report) -> list[Activity]:
    """The report's activities with their priorities and themes: two queries, however
    many activities."""
    return list(
        report.activities.order_by("starts_on", "pk").prefetch_related(
            Prefetch(
                "priorities",
                queryset=Priority.objects.select_related("theme").order_by(
                    "theme__number", "order", "number"
                ),
            )
        )
    )


def alphabetical(name: str) -> str:
    """A sort key that files "Đà Nẵng" after "Cao Bằng" and before "Hà Nội", as in
    Vietnamese: marks are ignored, and đ sorts just after d."""
    bare = "".join(
        c for c in unicodedata.normalize("NFD", name.casefold()) if not unicodedata.combining(c)
    )
    return bare.replace("đ", "d\uffff")


@dataclass
class Reach:
    activities: int = 0
    # None while no activity of the group recorded the figure: shown "—", not a 0 that
    # would say nobody of that sex took part.
    women: int | None = None
    men: int | None = None
    total: int = 0

    def add(self, activity: Activity) -> None:
        self.activities += 1
        if activity.participants_women is not None:
            self.women = (self.women or 0) + activity.participants_women
        if activity.participants_men is not None:
            self.men = (self.men or 0) + activity.participants_men
        self.total += activity.people_reached

    @property
    def sex_unknown(self) -> int:
        return self.total - (self.women or 0) - (self.men or 0)


@dataclass
class ActivityTotals:
    overall: Reach = field(default_factory=Reach)
    without_figures: int = 0
    by_priority: list[tuple[Priority, Reach]] = field(default_factory=list)
    by_province: list[tuple[str, Reach]] = field(default_factory=list)
    no_province: Reach = field(default_factory=Reach)
    no_priority: Reach = field(default_factory=Reach)


def activity_totals(activities: list[Activity]) -> ActivityTotals:
    """People reached by sex, by priority and by province, from activities fetched with
    ``report_activities`` (no further queries). An activity serving two priorities or held
    in two provinces counts fully under each: its participants cannot be split."""
    totals = ActivityTotals()
    by_priority: dict[int, tuple[Priority, Reach]] = {}
    by_province: dict[str, tuple[str, Reach]] = {}
    for activity in activities:
        totals.overall.add(activity)
        if activity.people_reached == 0 and activity.participants_total is None:
            totals.without_figures += 1
        priorities = list(activity.priorities.all())
        for priority in priorities:
            by_priority.setdefault(priority.pk, (priority, Reach()))[1].add(activity)
        if not priorities:
            totals.no_priority.add(activity)
        for province in activity.provinces:
            by_province.setdefault(province.casefold(), (province, Reach()))[1].add(activity)
        if not activity.provinces:
            totals.no_province.add(activity)
    totals.by_priority = sorted(
        by_priority.values(), key=lambda pr: (pr[0].theme.number, pr[0].order, pr[0].number)
    )
    totals.by_province = sorted(by_province.values(), key=lambda pr: alphabetical(pr[0]))
    return totals


# --- Activities ---------------------------------------------------------------------------


def _require_edit(request: HttpRequest, report: Report) -> None:
    if not permissions.can_edit_report(request.user, report):
        raise PermissionDenied


def activity_list(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_for(request.user, pk)
    activities = report_activities(report)
    return render(
        request,
        "reports/activities/list.html",
        {
            "report": report,
            "activities": activities,
            "totals": activity_totals(activities),
            "can_edit": permissions.can_edit_report(request.user, report),
        },
    )


def activity_add(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_for(request.user, pk)
    _require_edit(request, report)
    form = ActivityForm(request.POST or None, report=report)
    if request.method == "POST" and form.is_valid():
        try:
            activity = activity_create(
                report=report, data=form.to_data(), key=form.cleaned_data["key"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Activity “%(title)s” added.") % {"title": activity})
            return redirect("reports:activities", pk=report.pk)
    return render(request, "reports/activities/form.html", {"report": report, "form": form})


def activity_edit(request: HttpRequest, pk: int, activity_pk: int) -> HttpResponse:
    report = selectors.report_for(request.user, pk)
    _require_edit(request, report)
    activity = report.activities.prefetch_related("priorities").filter(pk=activity_pk).first()
    if activity is None:
        if request.method == "POST" and _deleted_from(report, activity_pk):
            return _deleted_meanwhile(request, report)
        raise Http404
    form = ActivityForm(request.POST or None, report=report, activity=activity)
    context: dict = {"report": report, "form": form, "activity": activity}
    if request.method == "POST" and form.is_valid():
        try:
            activity_update(
                activity=activity,
                revision=form.cleaned_data["revision"] or 0,
                data=form.to_data(),
            )
        except StaleRevision as exc:
            current = exc.current[activity.pk]
            if current is None:
                # Deleted meanwhile: the same form can add it again, text and all.
                context["deleted"] = True
            else:
                form.take_revision(current.revision)
                context["differences"] = activity_differences(current, form)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("Activity “%(title)s” saved.") % {"title": form.cleaned_data["title"]}
            )
            return redirect("reports:activities", pk=report.pk)
    return render(request, "reports/activities/form.html", context)


def _deleted_from(report: Report, activity_pk: int) -> bool:
    # The audit trail tells a colleague's deletion from a made-up or foreign id.
    return Activity.history.filter(id=activity_pk, report_id=report.pk, history_type="-").exists()


def _deleted_meanwhile(request: HttpRequest, report: Report) -> HttpResponse:
    """A save on an activity someone deleted meanwhile: nothing typed is lost, the same
    form can add it again."""
    data = request.POST.copy()
    data["key"] = str(uuid.uuid4())  # "Add it again" adds it once, however often sent
    form = ActivityForm(data, report=report)
    form.is_valid()
    return render(
        request, "reports/activities/form.html", {"report": report, "form": form, "deleted": True}
    )


def activity_delete_view(request: HttpRequest, pk: int, activity_pk: int) -> HttpResponse:
    report = selectors.report_for(request.user, pk)
    _require_edit(request, report)
    activity = get_object_or_404(
        report.activities.prefetch_related("priorities__theme"), pk=activity_pk
    )
    changed = False
    if request.method == "POST":
        try:
            revision = int(request.POST.get("revision", ""))
        except ValueError:
            revision = -1
        try:
            activity_delete(activity=activity, revision=revision)
        except StaleRevision as exc:
            if exc.current[activity.pk] is None:
                messages.info(request, _("This activity had already been deleted."))
                return redirect("reports:activities", pk=report.pk)
            # Changed since they looked: show what it holds now before they decide.
            changed = True
            activity = report.activities.prefetch_related("priorities__theme").get(pk=activity.pk)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Activity “%(title)s” deleted.") % {"title": activity})
            return redirect("reports:activities", pk=report.pk)
    return render(
        request,
        "reports/activities/confirm_delete.html",
        {"report": report, "activity": activity, "changed": changed},
    )


def _show(name: str, value) -> str:
    if value in (None, "", []):
        return "—"
    if name == "kind":
        return str(Activity.Kind(value).label)
    if name in ("starts_on", "ends_on"):
        return date_format(value, "j F Y")
    if name == "provinces":
        return ", ".join(value)
    if name == "priorities":
        return ", ".join(p.short_label for p in value)
    if isinstance(value, int):
        return number_format(value, force_grouping=True)
    return str(value)


def activity_differences(current: Activity, form: ActivityForm) -> list[dict]:
    """The fields where what is stored now differs from what the person typed."""
    typed = form.to_data()
    stored_priorities = sorted(current.priorities.select_related("theme"), key=lambda p: p.pk)
    rows = []
    names = [n for n in typed.SCALARS if n != "description"] + ["priorities", "description"]
    for name in names:
        if name == "priorities":
            mine, theirs = sorted(typed.priorities, key=lambda p: p.pk), stored_priorities
        else:
            mine, theirs = getattr(typed, name), getattr(current, name)
        if mine != theirs:
            rows.append(
                {
                    "label": form.fields[name].label,
                    "stored": _show(name, theirs),
                    "typed": _show(name, mine),
                }
            )
    return rows


# --- Indicator values ---------------------------------------------------------------------


def indicator_values(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_for(request.user, pk)
    can_edit = permissions.can_edit_report(request.user, report)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    # The country's active indicators, and any retired since that already has a value here.
    indicators = list(
        Indicator.objects.filter(country_id=report.country_id)
        .filter(
            Q(is_active=True)
            | Q(pk__in=IndicatorValue.objects.filter(report=report).values("indicator_id"))
        )
        .order_by("order", "name")
    )
    stored = {v.indicator_id: v for v in report.indicator_values.all()}
    previous_report, previous = _previous_values(request, report)
    formset = None
    if can_edit:
        formset = IndicatorValuesFormSet(
            request.POST if request.method == "POST" else None,
            indicators=indicators,
            stored=stored,
        )
    conflicts = 0
    if formset is not None and request.method == "POST" and formset.is_valid():
        rows = formset.changed_rows()
        if not rows:
            messages.info(request, _("No value was changed, so there was nothing to save."))
            return redirect("reports:indicators", pk=report.pk)
        try:
            saved = indicator_values_save(report=report, rows=rows)
        except StaleRevision as exc:
            for form in formset:
                if form.indicator.pk in exc.current:
                    form.take_current(exc.current[form.indicator.pk])
            conflicts = len(exc.current)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d indicator value saved.", "%(count)d indicator values saved.", saved
                )
                % {"count": saved},
            )
            return redirect("reports:indicators", pk=report.pk)
    forms_by_indicator = {f.indicator.pk: f for f in formset} if formset is not None else {}
    rows = [
        {
            "indicator": indicator,
            "stored": stored.get(indicator.pk),
            "previous": previous.get(indicator.pk),
            "form": forms_by_indicator.get(indicator.pk),
        }
        for indicator in indicators
    ]
    return render(
        request,
        "reports/activities/indicators.html",
        {
            "report": report,
            "rows": rows,
            "formset": formset,
            "can_edit": can_edit,
            "conflicts": conflicts,
            "previous_report": previous_report,
        },
    )


def _previous_values(
    request: HttpRequest, report: Report
) -> tuple[Report | None, dict[int, IndicatorValue]]:
    """Last cycle's values: the same country's report in the framework's previous cycle,
    when the person may read it."""
    cycle = previous_cycle(report.cycle)
    if cycle is None:
        return None, {}
    previous_report = (
        Report.objects.with_context().filter(country_id=report.country_id, cycle=cycle).first()
    )
    if previous_report is None or not permissions.can_view_report(request.user, previous_report):
        return None, {}
    values = {v.indicator_id: v for v in previous_report.indicator_values.all()}
    for value in values.values():
        value.breakdown_text = format_breakdown(value.disaggregation)
    return previous_report, values
