"""Read queries of the review pages: the reviewer queue and a report's audit trail.

Both cost a fixed number of queries whatever the number of countries, reports or
history rows on the page.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise
from typing import Any

from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from roadmap.models import Country, Priority, Role, WorkArea

from . import permissions
from .diff import word_diff
from .layout import Item, ReportLayout, SectionLayout, item_key
from .models import (
    Activity,
    Answer,
    CommentThread,
    IndicatorValue,
    NextStep,
    Question,
    QuestionKind,
    Report,
    ReportingCycle,
    Transition,
)
from .quality import is_shown, plain_values

# --------------------------------------------------------------------------------------
# Reviewer queue


def _count(queryset: QuerySet, group: str) -> Coalesce:
    """A correlated COUNT(*) subquery, 0 when nothing matches."""
    counted = queryset.order_by().values(group).annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def queue_reports(user) -> QuerySet[Report]:
    """Reports handed in by the countries ``user`` reviews (an admin: every country)."""
    roles = permissions.roles_for(user)
    reports = Report.objects.filter(permissions.HANDED_IN)
    if not roles.is_admin:
        reports = reports.filter(country_id__in=roles.country_ids(Role.REVIEWER))
    return reports


def queue_filter_choices(user) -> tuple[QuerySet[ReportingCycle], QuerySet[Country]]:
    """The cycles and countries worth offering in the queue's filters."""
    handed_in = queue_reports(user)
    cycles = ReportingCycle.objects.filter(pk__in=handed_in.values("cycle_id")).select_related(
        "framework"
    )
    roles = permissions.roles_for(user)
    if roles.is_admin:
        countries = Country.objects.filter(pk__in=handed_in.values("country_id"))
    else:
        countries = Country.objects.filter(pk__in=roles.country_ids(Role.REVIEWER))
    return cycles.order_by("-starts_on"), countries.order_by("name")


def _filled_required_answers() -> QuerySet[Answer]:
    """Answers of an outer report that fill a required item, as the layout counts them:
    choices chosen, text with something in it, on a priority still active in the report's
    roadmap or on a next step carried over from the country's earlier report."""
    filled = (Q(question__kind__in=Question.CHOICE_KINDS) & Q(value__isnull=False)) & ~(
        Q(value=None) | Q(value="") | Q(value=[])
    )
    filled |= ~Q(question__kind__in=Question.CHOICE_KINDS) & Q(text__regex=r"\S")
    anchored = (
        Q(priority__isnull=True, next_step__isnull=True)
        | Q(priority__is_active=True, priority__roadmap_id=OuterRef("roadmap_id"))
        | (
            Q(next_step__report__country_id=OuterRef("country_id"))
            & ~Q(next_step__report_id=OuterRef("pk"))
        )
    )
    return (
        Answer.objects.filter(report_id=OuterRef("pk"), question__required=True)
        .exclude(question__kind=QuestionKind.NEXT_STEPS)
        .filter(filled)
        .filter(anchored)
    )


def queue_queryset(
    user,
    *,
    cycle: ReportingCycle | None = None,
    country: Country | None = None,
    state: str = "",
    sort: str = "oldest",
) -> QuerySet[Report]:
    """The queue, filtered and sorted by submission date, each report annotated with the
    counts its row shows. One query, whatever the number of reports."""
    reports = queue_reports(user).with_context()
    if cycle is not None:
        reports = reports.filter(cycle=cycle)
    if country is not None:
        reports = reports.filter(country=country)
    if state:
        reports = reports.filter(state=state)
    first_submission = (
        Transition.objects.filter(report_id=OuterRef("pk"), action="submit")
        .order_by("at", "pk")
        .values("at")[:1]
    )
    reports = reports.annotate(
        unresolved=_count(
            CommentThread.objects.filter(report_id=OuterRef("pk"), resolved_at__isnull=True),
            "report_id",
        ),
        active_priorities=_count(
            Priority.objects.filter(roadmap_id=OuterRef("roadmap_id"), is_active=True),
            "roadmap_id",
        ),
        answered_required=_count(_filled_required_answers(), "report_id"),
        has_next_steps=Exists(NextStep.objects.filter(report_id=OuterRef("pk"))),
        first_submitted_at=Subquery(first_submission),
    )
    order = F("submitted_at").asc(nulls_last=True)
    if sort == "newest":
        order = F("submitted_at").desc(nulls_last=True)
    return reports.order_by(order, "country__name", "pk")


@dataclass
class QueueRow:
    report: Report
    required_total: int
    required_answered: int
    today: dt.date

    @property
    def percent_complete(self) -> int:
        if not self.required_total:
            return 100
        return min(100, round(100 * self.required_answered / self.required_total))

    @property
    def unresolved(self) -> int:
        return self.report.unresolved  # type: ignore[attr-defined]

    @property
    def days_since_submission(self) -> int | None:
        if self.report.submitted_at is None:
            return None
        return (self.today - timezone.localdate(self.report.submitted_at)).days

    @property
    def is_late(self) -> bool:
        return report_is_late(
            self.report,
            first_submitted_at=self.report.first_submitted_at,  # type: ignore[attr-defined]
            today=self.today,
        )


def report_is_late(
    report: Report, *, first_submitted_at: dt.datetime | None, today: dt.date
) -> bool:
    """Handed in after the cycle's deadline the first time, or not yet and the deadline
    has passed. A resubmission after a return does not make a report late: the country
    met the deadline, the reviewer asked for more."""
    first = first_submitted_at or report.submitted_at
    if first is None:
        return report.cycle.is_late(today)
    return report.cycle.is_late(timezone.localdate(first))


def report_history_facts(report: Report, transitions: list[Transition]) -> dict[str, object]:
    """What a report page says about its past, from its transitions (in order): how often
    it was submitted, and whether it is late."""
    submissions = [t for t in transitions if t.action == "submit"]
    return {
        "submissions": len(submissions),
        "is_late": report_is_late(
            report,
            first_submitted_at=submissions[0].at if submissions else None,
            today=timezone.localdate(),
        ),
    }


def queue_rows(reports: list[Report]) -> list[QueueRow]:
    """Completeness of each report without laying any of them out: three grouped
    queries (required questions per cycle and kind, cycles, carried next steps), so the
    cost stays fixed however many reports the page shows.

    The required total is what ``ReportLayout.required_total`` counts: a per-priority
    question counts once per active priority of the report's roadmap, a per-next-step
    question once per next step the country identified in the previous cycle, the rest
    once each."""
    if not reports:
        return []
    cycle_ids = {r.cycle_id for r in reports}
    required: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in (
        Question.objects.filter(required=True, section__questionnaire__cycle_id__in=cycle_ids)
        .values("section__questionnaire__cycle_id", "kind")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        required[row["section__questionnaire__cycle_id"]][row["kind"]] += row["n"]

    framework_ids = {r.cycle.framework_id for r in reports}
    by_framework: dict[int, list[tuple[dt.date, int]]] = defaultdict(list)
    for pk, framework_id, starts_on in ReportingCycle.objects.filter(
        framework_id__in=framework_ids
    ).values_list("pk", "framework_id", "starts_on"):
        by_framework[framework_id].append((starts_on, pk))
    previous: dict[int, int] = {}
    for cycles in by_framework.values():
        cycles.sort()
        for (_start, earlier), (_later_start, later) in pairwise(cycles):
            previous[later] = earlier

    carried: dict[tuple[int, int], int] = {}
    prev_ids = {previous[c] for c in cycle_ids if c in previous}
    if prev_ids:
        for country_id, cycle_id, n in (
            NextStep.objects.filter(
                report__country_id__in={r.country_id for r in reports},
                report__cycle_id__in=prev_ids,
            )
            .values_list("report__country_id", "report__cycle_id")
            .annotate(n=Count("pk"))
            .order_by()
        ):
            carried[(country_id, cycle_id)] = n

    today = timezone.localdate()
    rows = []
    for report in reports:
        kinds = required[report.cycle_id]
        per_priority = sum(kinds[k] for k in Question.PER_PRIORITY_KINDS)
        per_next_step = sum(kinds[k] for k in Question.PER_NEXT_STEP_KINDS)
        once = sum(kinds.values()) - per_priority - per_next_step
        steps = carried.get((report.country_id, previous.get(report.cycle_id, 0)), 0)
        total = once + per_priority * report.active_priorities + per_next_step * steps
        answered = report.answered_required
        if report.has_next_steps:
            answered += kinds[QuestionKind.NEXT_STEPS]
        rows.append(QueueRow(report, total, answered, today))
    return rows


# --------------------------------------------------------------------------------------
# Reading view


@dataclass
class ReadingItem:
    """An item as the reading view shows it: its answer, the choices with the chosen
    ones marked, and its threads."""

    item: Item
    threads: list[CommentThread]
    choices: list[tuple[str, bool]]  # (label, chosen)
    other_text: str  # the text typed with a choice ("Other: ...")
    # For the next-steps question: each of the report's next steps with its work areas.
    next_steps: list[tuple[NextStep, str]] = field(default_factory=list)
    # False for a conditional question whose condition does not hold: it was not asked.
    asked: bool = True

    @property
    def unresolved(self) -> int:
        return sum(1 for t in self.threads if t.resolved_at is None)


@dataclass
class ReadingSection:
    layout: SectionLayout
    items: list[ReadingItem]

    @property
    def unresolved(self) -> int:
        return sum(i.unresolved for i in self.items)


def reading_sections(
    layout: ReportLayout, threads: dict[str, list[CommentThread]]
) -> list[ReadingSection]:
    """The layout with what the reading view needs per item; no queries (choices come
    prefetched with the layout)."""
    values = plain_values(layout)
    sections = []
    for section in layout.sections:
        items = []
        for item in section.items:
            choices: list[tuple[str, bool]] = []
            other_text = ""
            if item.question.has_choices:
                value = item.answer.value if item.answer is not None else None
                chosen = {str(v) for v in value} if isinstance(value, list) else {str(value)}
                choices = [(c.shown_label, c.value in chosen) for c in item.question.choices.all()]
                other_text = item.answer.text if item.answer is not None else ""
            areas = dict(WorkArea.choices)
            next_steps = [
                (ns, ", ".join(str(areas.get(a, a)) for a in ns.work_areas))
                for ns in item.rows or []
            ]
            items.append(
                ReadingItem(
                    item=item,
                    threads=threads.get(item.key, []),
                    choices=choices,
                    other_text=other_text,
                    next_steps=next_steps,
                    asked=is_shown(item, values),
                )
            )
        sections.append(ReadingSection(layout=section, items=items))
    return sections


# --------------------------------------------------------------------------------------
# Audit trail

HISTORY_SOURCES: dict[str, Any] = {
    "answer": Answer.history.model,
    "next_step": NextStep.history.model,
    "activity": Activity.history.model,
    "indicator_value": IndicatorValue.history.model,
}

# Fields worth showing when they change, per source, with their labels.
HISTORY_FIELDS: dict[str, list[str]] = {
    "answer": ["text", "value"],
    "next_step": ["title", "targets", "evidence", "work_areas", "order"],
    "activity": list(Activity.DESCRIBING_FIELDS),
    "indicator_value": ["value", "disaggregation", "source", "note"],
}

SOURCE_LABELS = {
    "answer": _("Answer"),
    "next_step": _("Next step"),
    "activity": _("Activity"),
    "indicator_value": _("Indicator value"),
    "transition": _("Review"),
}


def history_union(report: Report) -> QuerySet:
    """Every recorded change of the report, newest first, as rows of (source, row id,
    time, user id): one UNION query the paginator can count and slice in the database."""
    columns = ("h_source", "h_id", "h_at", "h_user")
    parts = [
        model.objects.filter(report_id=report.pk)
        .annotate(
            h_source=Value(source, output_field=CharField()),
            h_id=F("history_id"),
            h_at=F("history_date"),
            h_user=F("history_user_id"),
        )
        .values_list(*columns)
        .order_by()
        for source, model in HISTORY_SOURCES.items()
    ]
    transitions = (
        Transition.objects.filter(report_id=report.pk)
        .annotate(
            h_source=Value("transition", output_field=CharField()),
            h_id=F("pk"),
            h_at=F("at"),
            h_user=F("by_id"),
        )
        .values_list(*columns)
        .order_by()
    )
    return transitions.union(*parts, all=True).order_by("-h_at", "-h_id")


@dataclass
class FieldChange:
    name: str
    label: str
    old: Any
    new: Any
    is_text: bool

    @property
    def html(self) -> SafeString:
        return word_diff(str(self.old), str(self.new))


@dataclass
class HistoryEntry:
    source: str
    at: dt.datetime
    user: Any
    kind: str  # "created", "changed", "deleted", or a transition action
    subject: str
    changes: list[FieldChange] = field(default_factory=list)
    transition: Transition | None = None
    # Why, when the change came with a reason (e.g. "Word file: VN draft.docx").
    reason: str = ""

    @property
    def source_label(self) -> str:
        return str(SOURCE_LABELS[self.source])


TEXT_FIELDS = {"text", "targets", "evidence", "description", "note", "title"}


def _choice_labels(items: dict, record: Any, value: Any) -> Any:
    """A historical answer's choice value(s) by label, as the person saw them."""
    item = items.get(item_key(record.question_id, record.priority_id, record.next_step_id))
    if item is None or value in (None, "", []):
        return value
    labels = item.question.labels_of(value)
    return labels if isinstance(value, list) else labels[0]


# Stored codes the history shows by label, as the forms did: a model field's own choices,
# and the work areas a next step lists (a JSON list of WorkArea codes).
LIST_CHOICES = {("next_step", "work_areas"): WorkArea}

# As the activity list and review pages write a date ("1 Aug 2022", "1 Tháng 8 2022"), not
# the locale's long format ("Aug. 1, 2022").
DATE_FORMAT = "j M Y"


def _labelled(source: str, name: str, value: Any) -> Any:
    """``value`` of field ``name`` with its stored code(s) replaced by their labels."""
    if value in (None, "", []):
        return value
    if (source, name) in LIST_CHOICES:
        labels = dict(LIST_CHOICES[(source, name)].choices)
        return [str(labels.get(v, v)) for v in value] if isinstance(value, list) else value
    model_field = HISTORY_SOURCES[source]._meta.get_field(name)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    return value


def _display(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_display(v)}" for k, v in value.items())
    if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
        # 17000.00 reads as "17,000" (or "17.000" in Vietnamese), as the form shows it.
        return number_format(
            value.normalize() if isinstance(value, Decimal) else value, force_grouping=True
        )
    if isinstance(value, dt.date):
        return date_format(value, DATE_FORMAT)
    return str(value)


def _subject(source: str, record: Any, items: dict) -> str:
    if source == "answer":
        item = items.get(item_key(record.question_id, record.priority_id, record.next_step_id))
        if item is None:
            return str(_("A question no longer in the report"))
        return f"{item.display_number}. {item.text}"
    if source == "indicator_value":
        return record.indicator.name if record.indicator else ""
    return record.title


def _activity_priorities(records: dict, previous: dict) -> dict[int, str]:
    """Historical activity id -> the priorities it served then, as text ("Theme 1.2, ..."):
    django-simple-history keeps them in a table of its own. Two queries."""
    history_ids = [r.history_id for (source, _pk), r in records.items() if source == "activity"]
    history_ids += [
        r.history_id for (source, _pk), r in previous.items() if source == "activity" and r
    ]
    if not history_ids:
        return {}
    through = Activity.history.model.priorities.model
    rows = list(
        through.objects.filter(history_id__in=history_ids).values_list("history_id", "priority_id")
    )
    priorities = Priority.objects.select_related("theme").in_bulk({p for _h, p in rows})
    served: dict[int, list[str]] = defaultdict(list)
    for history_id, priority_id in rows:
        priority = priorities.get(priority_id)
        if priority is not None:
            served[history_id].append(priority.short_label)
    return {h: ", ".join(sorted(labels)) for h, labels in served.items()}


def history_entries(rows: list[tuple], report: Report, layout: ReportLayout) -> list[HistoryEntry]:
    """Turn one page of ``history_union`` rows into entries with old -> new values.
    Per source two queries (the page's records and each one's previous record), plus
    users and transitions: fixed, whatever the page holds."""
    from django.contrib.auth import get_user_model

    ids: dict[str, list[int]] = defaultdict(list)
    user_ids = set()
    for source, pk, _at, user_id in rows:
        ids[source].append(pk)
        if user_id:
            user_ids.add(user_id)
    records: dict[tuple[str, int], Any] = {}
    previous: dict[tuple[str, int], Any] = {}
    for source, pks in ids.items():
        if source == "transition":
            for t in Transition.objects.filter(pk__in=pks):
                records[(source, t.pk)] = t
            continue
        model = HISTORY_SOURCES[source]
        prior = (
            model.objects.filter(id=OuterRef("id"), history_date__lt=OuterRef("history_date"))
            .order_by("-history_date", "-history_id")
            .values("history_id")[:1]
        )
        page = model.objects.filter(history_id__in=pks).annotate(prior_id=Subquery(prior))
        if source == "indicator_value":
            page = page.select_related("indicator")
        page = list(page)
        prior_ids = [r.prior_id for r in page if r.prior_id]
        earlier = model.objects.in_bulk(prior_ids)
        for r in page:
            records[(source, r.history_id)] = r
            if r.prior_id:
                previous[(source, r.history_id)] = earlier.get(r.prior_id)

    served = _activity_priorities(records, previous)
    # Rows written outside a request (imports, the demo loader) have no history user; an
    # answer still says who last saved it.
    for (source, _pk), record in records.items():
        if source == "answer" and record.history_user_id is None and record.updated_by_id:
            user_ids.add(record.updated_by_id)
    users = get_user_model().objects.in_bulk(user_ids)
    items = layout.item_by_key()

    entries = []
    for source, pk, at, user_id in rows:
        record = records.get((source, pk))
        if record is None:
            continue
        if user_id is None and source == "answer":
            user_id = record.updated_by_id
        user = users.get(user_id)
        if source == "transition":
            entries.append(
                HistoryEntry(
                    source=source,
                    at=at,
                    user=user,
                    kind=record.action,
                    subject=f"{record.get_from_state_display()} → {record.get_to_state_display()}",
                    transition=record,
                )
            )
            continue
        before = previous.get((source, pk))
        kind = {"+": "created", "~": "changed", "-": "deleted"}[record.history_type]
        changes = []
        model = HISTORY_SOURCES[source]
        for name in HISTORY_FIELDS[source]:
            new = getattr(record, name)
            old = getattr(before, name) if before is not None else None
            if source == "answer" and name == "value":
                old, new = _choice_labels(items, record, old), _choice_labels(items, record, new)
            else:
                old, new = _labelled(source, name, old), _labelled(source, name, new)
            if kind == "deleted":
                old, new = new, None
            if before is not None and old == new and kind != "deleted":
                continue
            if before is None and kind == "created" and new in (None, "", [], {}):
                continue
            changes.append(
                FieldChange(
                    name=name,
                    label=str(model._meta.get_field(name).verbose_name),
                    old=_display(old),
                    new=_display(new),
                    is_text=name in TEXT_FIELDS,
                )
            )
        if source == "activity":
            old_served = served.get(before.history_id, "") if before is not None else ""
            new_served = served.get(record.history_id, "")
            if old_served != new_served:
                changes.append(
                    FieldChange(
                        name="priorities",
                        label=str(Activity._meta.get_field("priorities").verbose_name),
                        old=old_served,
                        new=new_served,
                        is_text=False,
                    )
                )
        entries.append(
            HistoryEntry(
                source=source,
                at=at,
                user=user,
                kind=kind,
                subject=_subject(source, record, items),
                changes=changes,
                reason=record.history_change_reason or "",
            )
        )
    return entries
